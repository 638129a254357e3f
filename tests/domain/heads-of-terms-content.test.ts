// The words of the heads of terms (issue 28), from an accepted offer: subject to contract, the
// parties, the deal, the price and every payment component, the mechanism, funding, conditions
// and timetable, and only exclusivity, confidentiality and costs binding.
import { describe, expect, it } from "vitest";
import { type HeadsOfTermsParties, headsOfTermsContent } from "../../functions/domain/heads-of-terms-content.ts";
import type { OfferTerms } from "../../functions/domain/offer-terms-rules.ts";

const PARTIES: HeadsOfTermsParties = {
  seller: { name: "David Hughes", company: null },
  buyer: { name: "Tom Bradshaw", company: "Bradshaw Capital Ltd" },
  business: { tradingName: "Northpoint IT", companyNumber: "09876543" },
};

function shareTerms(): OfferTerms {
  return {
    dealType: "SHARE_PURCHASE",
    pricePence: 120_000_000,
    cashFreeDebtFree: true,
    payment: {
      cashAtCompletionPence: 80_000_000,
      deferred: [
        { amountPence: 5_000_000, monthsAfterCompletion: 12 },
        { amountPence: 5_000_000, dueDate: "2028-03-31" },
      ],
      earnOut: {
        maxAmountPence: 15_000_000,
        measure: "GROSS_PROFIT",
        months: 24,
        terms: "£1 for every £2 of gross profit over £600,000.",
      },
      vendorLoan: { amountPence: 10_000_000, interestBasisPoints: 650, termMonths: 36 },
      retention: { amountPence: 5_000_000, months: 12, releasedWhen: "no warranty claim is made in the first year." },
    },
    priceMechanism: { kind: "LOCKED_BOX", balanceSheetDate: "2026-03-31" },
    funding: [
      { source: "OWN_CASH", amountPence: 30_000_000 },
      { source: "BANK_DEBT", amountPence: 50_000_000 },
    ],
    conditions: [
      { kind: "FINANCE" },
      { kind: "DUE_DILIGENCE" },
      { kind: "OTHER", text: "The Ofsted registration transfers" },
    ],
    exclusivityDays: 60,
    targetCompletionDate: "2027-02-26",
    openDays: 7,
  };
}

const sectionOf = (content: ReturnType<typeof headsOfTermsContent>, title: string) =>
  content.sections.find((section) => section.title === title)!;

describe("headsOfTermsContent", () => {
  it("is subject to contract, with only exclusivity, confidentiality and costs binding", () => {
    const content = headsOfTermsContent(shareTerms(), PARTIES, "2026-11-25");
    expect(content.heading).toBe("Heads of terms: Northpoint IT");
    expect(content.subjectToContract).toBe(
      "Subject to contract. Agreed on 2026-11-25. Except for the sections marked binding, these heads of terms record the parties' intentions and create no legal obligation.",
    );
    expect(content.sections.map((section) => [section.title, section.binding])).toEqual([
      ["Parties", false],
      ["The transaction", false],
      ["Price", false],
      ["Price mechanism", false],
      ["Funding", false],
      ["Conditions", false],
      ["Timetable", false],
      ["Exclusivity", true],
      ["Confidentiality", true],
      ["Costs", true],
    ]);
    expect(sectionOf(content, "Exclusivity").paragraphs).toEqual([
      "For 60 days from the date both parties sign, the seller will not market the business, or negotiate its sale, with anyone else.",
    ]);
    expect(sectionOf(content, "Confidentiality").paragraphs[0]).toContain("NDA");
    expect(sectionOf(content, "Costs").paragraphs).toEqual([
      "Each party pays its own costs, whether or not the sale completes.",
    ]);
  });

  it("names the parties, the deal, the price and every payment component", () => {
    const content = headsOfTermsContent(shareTerms(), PARTIES, "2026-11-25");
    expect(sectionOf(content, "Parties").paragraphs).toEqual([
      "Seller: David Hughes.",
      "Buyer: Bradshaw Capital Ltd (represented by Tom Bradshaw).",
    ]);
    expect(sectionOf(content, "The transaction").paragraphs).toEqual([
      "The purchase of the entire issued share capital of Northpoint IT (company number 09876543), on a cash-free, debt-free basis with a normal level of working capital.",
    ]);
    expect(sectionOf(content, "Price").paragraphs).toEqual([
      "£1,200,000, payable as follows:",
      "£800,000 in cash at completion.",
      "£50,000 deferred, payable 12 months after completion.",
      "£50,000 deferred, payable on 2028-03-31.",
      "An earn-out of up to £150,000, measured on gross profit over 24 months: £1 for every £2 of gross profit over £600,000.",
      "A vendor loan of £100,000 at 6.50% a year over 36 months.",
      "A retention of £50,000 held for 12 months, released when no warranty claim is made in the first year.",
    ]);
    expect(sectionOf(content, "Price mechanism").paragraphs[0]).toMatch(
      /^A locked box: the price is fixed on the balance sheet at 2026-03-31/,
    );
    expect(sectionOf(content, "Funding").paragraphs).toEqual([
      "£300,000 from the buyer's own cash.",
      "£500,000 from bank debt.",
    ]);
    expect(sectionOf(content, "Conditions").paragraphs).toEqual([
      "Subject to the buyer obtaining the finance described above.",
      "Subject to financial, legal and commercial due diligence satisfactory to the buyer.",
      "The Ofsted registration transfers.",
    ]);
    expect(sectionOf(content, "Timetable").paragraphs).toEqual(["The parties aim to complete by 2027-02-26."]);
  });

  it("words an asset purchase with its TUPE and VAT position, completion accounts and no conditions", () => {
    const terms: OfferTerms = {
      ...shareTerms(),
      dealType: "ASSET_PURCHASE",
      cashFreeDebtFree: undefined,
      priceMechanism: { kind: "COMPLETION_ACCOUNTS" },
      conditions: [],
      tupeApplies: true,
      togcIntended: false,
      payment: { cashAtCompletionPence: 120_000_000, deferred: [] },
    };
    const parties = { ...PARTIES, business: { tradingName: "Crumb & Co", companyNumber: null } };
    const content = headsOfTermsContent(terms, parties, "2026-11-25");
    expect(sectionOf(content, "The transaction").paragraphs).toEqual([
      "The purchase of the business and its assets (trade and assets) of Crumb & Co.",
      "The employees transfer to the buyer under TUPE.",
      "The parties do not intend the sale to be a transfer of a going concern for VAT.",
    ]);
    expect(sectionOf(content, "Price").paragraphs).toEqual([
      "£1,200,000, payable as follows:",
      "£1,200,000 in cash at completion.",
    ]);
    expect(sectionOf(content, "Price mechanism").paragraphs).toEqual([
      "Completion accounts: the price is adjusted after completion to the accounts drawn up at completion.",
    ]);
    expect(sectionOf(content, "Conditions").paragraphs).toEqual(["None."]);
    const otherWay = headsOfTermsContent({ ...terms, tupeApplies: false, togcIntended: true }, parties, "2026-11-25");
    expect(sectionOf(otherWay, "The transaction").paragraphs.slice(1)).toEqual([
      "The parties do not expect any employees to transfer under TUPE.",
      "The parties intend the sale to be a transfer of a going concern for VAT.",
    ]);
    const notCashFree = headsOfTermsContent({ ...shareTerms(), cashFreeDebtFree: false }, PARTIES, "2026-11-25");
    expect(sectionOf(notCashFree, "The transaction").paragraphs).toEqual([
      "The purchase of the entire issued share capital of Northpoint IT (company number 09876543).",
    ]);
  });

  it("words every kind of condition, funding and earn-out measure", () => {
    const terms = shareTerms();
    terms.conditions = [{ kind: "KEY_STAFF" }, { kind: "LANDLORD_CONSENT" }, { kind: "REGULATORY_APPROVAL" }];
    terms.funding = [
      { source: "INVESTOR_EQUITY", amountPence: 40_000_000 },
      { source: "OTHER", amountPence: 40_000_000 },
    ];
    terms.payment.earnOut = { ...terms.payment.earnOut!, measure: "REVENUE" };
    const content = headsOfTermsContent(terms, PARTIES, "2026-11-25");
    expect(sectionOf(content, "Conditions").paragraphs).toEqual([
      "Subject to key members of staff agreeing to stay.",
      "Subject to the landlord's consent to the assignment or grant of the lease.",
      "Subject to any regulatory approval the transfer needs.",
    ]);
    expect(sectionOf(content, "Funding").paragraphs).toEqual([
      "£400,000 from investor equity.",
      "£400,000 from other sources.",
    ]);
    expect(sectionOf(content, "Price").paragraphs[4]).toContain("measured on revenue over 24 months");
    terms.payment.earnOut = { ...terms.payment.earnOut!, measure: "EBITDA" };
    expect(sectionOf(headsOfTermsContent(terms, PARTIES, "2026-11-25"), "Price").paragraphs[4]).toContain(
      "measured on EBITDA",
    );
  });
});
