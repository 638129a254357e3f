/** The largest document a deal room takes. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/** What a data room holds: office documents, PDFs, spreadsheets, images, plain text. */
export const ALLOWED_CONTENT_TYPES = new Set([
  "application/pdf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "text/csv",
  "text/plain",
  "image/png",
  "image/jpeg",
]);

/** The media type without parameters, lower case: `Text/Plain; charset=utf-8` is `text/plain`. */
export function bareContentType(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}

/** The name to store and serve: no path separators or control characters, at most 255 characters. */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((char) => (char.charCodeAt(0) < 32 || char === "/" || char === "\\" ? "_" : char))
    .join("");
  return cleaned.slice(0, 255) || "document";
}
