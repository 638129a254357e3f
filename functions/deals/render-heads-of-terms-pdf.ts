import type { HeadsOfTermsContent } from "../domain/heads-of-terms-content.ts";

/**
 * pdfkit, loaded when the first PDF is made: most requests never make one, and a cold start should
 * not parse it. In the Lambda it is installed beside the bundle, not bundled (infra/lib/lambda-bundle.ts):
 * it loads its standard fonts' metrics with a runtime require that a bundle cannot resolve.
 */
type PdfDocumentClass = typeof import("pdfkit");
let pdfkit: Promise<PdfDocumentClass> | undefined;
function loadPdfkit(): Promise<PdfDocumentClass> {
  // A CommonJS-typed module (`export =`): the class is the module's default export at run time.
  pdfkit ??= import("pdfkit").then((module) => (module as unknown as { default: PdfDocumentClass }).default);
  return pdfkit;
}

/**
 * The heads of terms as a PDF: A4, Helvetica (one of PDF's standard fonts, so no font file is
 * shipped or embedded), headed "subject to contract", binding sections marked. pdfkit, because
 * it is maintained, pure JavaScript (nothing downloaded at install or run time) and wraps and
 * paginates text itself. The creation date comes from the caller's clock, so the same content on
 * the same date gives the same bytes, and the stored SHA-256 can be checked by rendering again.
 */
export async function renderHeadsOfTermsPdf(content: HeadsOfTermsContent, createdAt: Date): Promise<Buffer> {
  const PDFDocument = await loadPdfkit();
  const document = new PDFDocument({
    size: "A4",
    margins: { top: 64, bottom: 64, left: 64, right: 64 },
    info: { Title: content.heading, Creator: "ExitMatch", Producer: "ExitMatch", CreationDate: createdAt },
  });
  const chunks: Buffer[] = [];
  document.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on("end", () => resolve(Buffer.concat(chunks)));
    document.on("error", reject);
  });

  document.font("Helvetica-Bold").fontSize(18).text(content.heading);
  document.moveDown(0.5);
  document.font("Helvetica-Bold").fontSize(11).fillColor("#8a1c1c").text("SUBJECT TO CONTRACT");
  document.font("Helvetica").fontSize(10).fillColor("black").text(content.subjectToContract);
  for (const [index, section] of content.sections.entries()) {
    document.moveDown(1);
    const title = `${index + 1}. ${section.title}${section.binding ? " (binding)" : ""}`;
    // A section's title stays on the page with its first paragraph.
    const width = document.page.width - document.page.margins.left - document.page.margins.right;
    const titleHeight = document.font("Helvetica-Bold").fontSize(12).heightOfString(title, { width });
    const firstHeight = document
      .font("Helvetica")
      .fontSize(10.5)
      .heightOfString(section.paragraphs[0] ?? "", { width });
    const pageBottom = document.page.height - document.page.margins.bottom;
    if (document.y + titleHeight + firstHeight + 12 > pageBottom) document.addPage();
    document.font("Helvetica-Bold").fontSize(12).text(title);
    document.moveDown(0.25);
    for (const paragraph of section.paragraphs) {
      document.font("Helvetica").fontSize(10.5).text(paragraph, { align: "left", paragraphGap: 4 });
    }
  }
  document.end();
  return finished;
}
