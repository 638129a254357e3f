// The heads-of-terms PDF (issue 28): A4, reproducible byte for byte from its content and date (so
// its stored SHA-256 can be checked), and, read back as text with poppler's pdftotext, holding
// the parties, the price, every payment component and the binding markers.
// Needs `pdftotext` (poppler-utils; .ci/run installs it) for the text: without it, CI fails and
// other machines skip that test, visibly.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderHeadsOfTermsPdf } from "../../functions/deals/render-heads-of-terms-pdf.ts";
import { headsOfTermsContent } from "../../functions/domain/heads-of-terms-content.ts";
import type { OfferTerms } from "../../functions/domain/offer-terms-rules.ts";
import { TEST_NOW } from "../support/test-clock.ts";

const PDFTOTEXT = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].find((path) => existsSync(path));

const TERMS: OfferTerms = {
  dealType: "SHARE_PURCHASE",
  pricePence: 120_000_000,
  cashFreeDebtFree: true,
  payment: {
    cashAtCompletionPence: 80_000_000,
    deferred: [{ amountPence: 5_000_000, monthsAfterCompletion: 12 }],
    earnOut: {
      maxAmountPence: 15_000_000,
      measure: "EBITDA",
      months: 24,
      terms: "£1 for every £1 of EBITDA over £300,000.",
    },
    vendorLoan: { amountPence: 15_000_000, interestBasisPoints: 650, termMonths: 36 },
    retention: { amountPence: 5_000_000, months: 12, releasedWhen: "no warranty claim is made in the first year." },
  },
  priceMechanism: { kind: "LOCKED_BOX", balanceSheetDate: "2026-03-31" },
  funding: [
    { source: "OWN_CASH", amountPence: 30_000_000 },
    { source: "BANK_DEBT", amountPence: 50_000_000 },
  ],
  conditions: [{ kind: "FINANCE" }, { kind: "DUE_DILIGENCE" }],
  exclusivityDays: 60,
  targetCompletionDate: "2027-02-26",
  openDays: 7,
};
const CONTENT = headsOfTermsContent(
  TERMS,
  {
    seller: { name: "David Hughes", company: null },
    buyer: { name: "Tom Bradshaw", company: "Bradshaw Capital Ltd" },
    business: { tradingName: "Northpoint IT", companyNumber: "09876543" },
  },
  "2026-11-25",
);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("the heads-of-terms PDF", () => {
  it("is an A4 PDF, the same bytes for the same content and date", async () => {
    const first = await renderHeadsOfTermsPdf(CONTENT, TEST_NOW);
    expect(first.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(first.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(sha256(await renderHeadsOfTermsPdf(CONTENT, TEST_NOW))).toBe(sha256(first));
    expect(sha256(await renderHeadsOfTermsPdf(CONTENT, new Date(TEST_NOW.getTime() + 1000)))).not.toBe(sha256(first));
  });

  describe.skipIf(!PDFTOTEXT && !process.env.CI)("read back as text", () => {
    it("holds the parties, the price, every payment component and the binding markers", async () => {
      if (!PDFTOTEXT) throw new Error("pdftotext is not installed (apt-get install poppler-utils)");
      const directory = await mkdtemp(join(tmpdir(), "exitmatch-hot-"));
      try {
        const file = join(directory, "heads-of-terms.pdf");
        await writeFile(file, await renderHeadsOfTermsPdf(CONTENT, TEST_NOW));
        // Wrapped lines joined, so a phrase split across two lines still reads as one.
        const text = execFileSync(PDFTOTEXT, ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
        for (const phrase of [
          "Heads of terms: Northpoint IT",
          "SUBJECT TO CONTRACT",
          "Seller: David Hughes.",
          "Buyer: Bradshaw Capital Ltd (represented by Tom Bradshaw).",
          "£1,200,000, payable as follows:",
          "£800,000 in cash at completion.",
          "£50,000 deferred, payable 12 months after completion.",
          "An earn-out of up to £150,000, measured on EBITDA over 24 months",
          "A vendor loan of £150,000 at 6.50% a year over 36 months.",
          "A retention of £50,000 held for 12 months",
          "8. Exclusivity (binding)",
          "9. Confidentiality (binding)",
          "10. Costs (binding)",
          "1. Parties ",
        ]) {
          expect(text, phrase).toContain(phrase);
        }
        expect(text).not.toContain("Parties (binding)");
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    });
  });
});
