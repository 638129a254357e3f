// The rules that tie an offer's terms together (issue 28), one by one: the payment components add
// up to the price exactly (and the message says by how much), the cash at completion is funded,
// dates fall the right side of today, terms and rates stay in range, and fields belong to their
// kind of deal. Each refusal names its field.
import { describe, expect, it } from "vitest";
import {
  formatPounds,
  MAX_AMOUNT_PENCE,
  type OfferTerms,
  offerTermsProblems,
  paymentTotalPence,
} from "../../functions/domain/offer-terms-rules.ts";
import { shareOfferTerms } from "../support/offer-terms.ts";

const TODAY = "2026-11-25";

/** £1.2m for the shares: £900k at completion, £100k a year on, a £150k earn-out, a £50k retention. */
const shareOffer = (): OfferTerms => shareOfferTerms();

function assetOffer(): OfferTerms {
  return {
    ...shareOffer(),
    dealType: "ASSET_PURCHASE",
    cashFreeDebtFree: undefined,
    priceMechanism: { kind: "COMPLETION_ACCOUNTS" },
    tupeApplies: true,
    togcIntended: true,
  };
}

const problemsOf = (terms: OfferTerms) => offerTermsProblems(terms, TODAY);
const fieldsOf = (terms: OfferTerms) => problemsOf(terms).map((problem) => problem.field);

describe("offerTermsProblems", () => {
  it("finds nothing wrong with a well-formed share or asset offer", () => {
    expect(problemsOf(shareOffer())).toEqual([]);
    expect(problemsOf(assetOffer())).toEqual([]);
    const allCash = shareOffer();
    allCash.payment = { cashAtCompletionPence: 120_000_000, deferred: [] };
    allCash.funding = [{ source: "OWN_CASH", amountPence: 120_000_000 }];
    expect(problemsOf(allCash)).toEqual([]);
    expect(paymentTotalPence(allCash.payment)).toBe(120_000_000);
  });

  it("says by how much the components miss the price, either way", () => {
    const short = shareOffer();
    short.payment.cashAtCompletionPence -= 12_345;
    expect(problemsOf(short)).toEqual([
      {
        field: "payment",
        message:
          "the payment components add up to £1,199,876.55, £123.45 less than the price of £1,200,000; they must add up to it exactly",
      },
    ]);
    const over = shareOffer();
    over.payment.vendorLoan = { amountPence: 100, interestBasisPoints: 650, termMonths: 36 };
    expect(problemsOf(over)).toEqual([
      {
        field: "payment",
        message:
          "the payment components add up to £1,200,001, £1 more than the price of £1,200,000; they must add up to it exactly",
      },
    ]);
  });

  it("counts every component towards the price", () => {
    const terms = shareOffer();
    terms.payment.vendorLoan = { amountPence: 7, interestBasisPoints: 0, termMonths: 1 };
    terms.payment.deferred.push({ amountPence: 11, dueDate: "2027-06-30" });
    expect(paymentTotalPence(terms.payment)).toBe(120_000_018);
    const withoutExtras = shareOffer();
    withoutExtras.payment.earnOut = undefined;
    withoutExtras.payment.retention = undefined;
    expect(paymentTotalPence(withoutExtras.payment)).toBe(100_000_000);
  });

  it("refuses amounts that are not whole pence from £0 to £10bn, and a price of nothing", () => {
    for (const pricePence of [-1, 1.5, MAX_AMOUNT_PENCE + 1, Number.NaN]) {
      const terms = shareOffer();
      terms.pricePence = pricePence;
      expect(fieldsOf(terms), String(pricePence)).toContain("pricePence");
    }
    const nothing = shareOffer();
    nothing.pricePence = 0;
    expect(problemsOf(nothing)).toContainEqual({ field: "pricePence", message: "must be more than £0" });
    const huge = shareOffer();
    huge.funding[0]!.amountPence = MAX_AMOUNT_PENCE + 1;
    expect(problemsOf(huge)).toEqual([
      {
        field: "funding.0.amountPence",
        message: "must be a whole number of pence from 0 to 1000000000000 (£10,000,000,000)",
      },
    ]);
    const atTheLimit = shareOffer();
    atTheLimit.funding[0]!.amountPence = MAX_AMOUNT_PENCE;
    expect(problemsOf(atTheLimit)).toEqual([]);
    const negative = shareOffer();
    negative.payment.deferred[0]!.amountPence = -10_000_000;
    negative.payment.cashAtCompletionPence += 20_000_000;
    negative.funding[1]!.amountPence += 20_000_000;
    expect(fieldsOf(negative)).toEqual(["payment.deferred.0.amountPence"]);
    for (const [field, change] of [
      ["payment.cashAtCompletionPence", (terms: OfferTerms) => (terms.payment.cashAtCompletionPence = 0.5)],
      ["payment.earnOut.maxAmountPence", (terms: OfferTerms) => (terms.payment.earnOut!.maxAmountPence = -1)],
      ["payment.retention.amountPence", (terms: OfferTerms) => (terms.payment.retention!.amountPence = -1)],
      [
        "payment.vendorLoan.amountPence",
        (terms: OfferTerms) => (terms.payment.vendorLoan = { amountPence: -1, interestBasisPoints: 0, termMonths: 1 }),
      ],
    ] as const) {
      const terms = shareOffer();
      change(terms);
      expect(fieldsOf(terms), field).toContain(field);
    }
  });

  it("wants the cash at completion funded, and says how much is missing", () => {
    const terms = shareOffer();
    terms.funding = [{ source: "INVESTOR_EQUITY", amountPence: 89_999_999 }];
    expect(problemsOf(terms)).toEqual([
      {
        field: "funding",
        message: "the funding named covers £899,999.99 of the £900,000 due at completion, £0.01 short",
      },
    ]);
    terms.funding.push({ source: "OTHER", amountPence: 1 });
    expect(problemsOf(terms)).toEqual([]);
  });

  it("times deferred payments by a date after today or by months after completion, not both", () => {
    const cases: [OfferTerms["payment"]["deferred"][number], string[]][] = [
      [{ amountPence: 10_000_000 }, ["payment.deferred.0"]],
      [{ amountPence: 10_000_000, dueDate: "2027-01-01", monthsAfterCompletion: 6 }, ["payment.deferred.0"]],
      [{ amountPence: 10_000_000, dueDate: TODAY }, ["payment.deferred.0.dueDate"]],
      [{ amountPence: 10_000_000, dueDate: "2026-11-26" }, []],
      [{ amountPence: 10_000_000, monthsAfterCompletion: 0 }, ["payment.deferred.0.monthsAfterCompletion"]],
      [{ amountPence: 10_000_000, monthsAfterCompletion: 121 }, ["payment.deferred.0.monthsAfterCompletion"]],
      [{ amountPence: 10_000_000, monthsAfterCompletion: 1.5 }, ["payment.deferred.0.monthsAfterCompletion"]],
      [{ amountPence: 10_000_000, monthsAfterCompletion: 120 }, []],
    ];
    for (const [deferred, fields] of cases) {
      const terms = shareOffer();
      terms.payment.deferred = [deferred];
      expect(fieldsOf(terms), JSON.stringify(deferred)).toEqual(fields);
    }
    const neither = shareOffer();
    neither.payment.deferred = [{ amountPence: 10_000_000 }];
    expect(problemsOf(neither)[0]!.message).toBe("give either a due date or a number of months after completion");
  });

  it("keeps earn-outs, vendor loans and retentions to sensible terms, explained in words", () => {
    const earnOut = shareOffer();
    earnOut.payment.earnOut = { maxAmountPence: 15_000_000, measure: "REVENUE", months: 0, terms: "  " };
    expect(problemsOf(earnOut)).toEqual([
      { field: "payment.earnOut.months", message: "must be 1 to 120 months" },
      { field: "payment.earnOut.terms", message: "say in words how the earn-out is earned" },
    ]);
    earnOut.payment.earnOut = { ...earnOut.payment.earnOut, months: 120, terms: "10% of revenue" };
    expect(problemsOf(earnOut)).toEqual([]);

    const loan = (interestBasisPoints: number, termMonths: number) => {
      const terms = shareOffer();
      terms.payment.cashAtCompletionPence -= 1_000_000;
      terms.payment.vendorLoan = { amountPence: 1_000_000, interestBasisPoints, termMonths };
      return problemsOf(terms);
    };
    expect(loan(0, 1)).toEqual([]);
    expect(loan(10_000, 120)).toEqual([]);
    expect(loan(10_001, 12)).toEqual([
      {
        field: "payment.vendorLoan.interestBasisPoints",
        message: "must be 0 to 10000 basis points (0% to 100% a year)",
      },
    ]);
    expect(loan(-1, 12).map((problem) => problem.field)).toEqual(["payment.vendorLoan.interestBasisPoints"]);
    expect(loan(650, 0)).toEqual([{ field: "payment.vendorLoan.termMonths", message: "must be 1 to 120 months" }]);
    expect(loan(650, 121).map((problem) => problem.field)).toEqual(["payment.vendorLoan.termMonths"]);

    const retention = shareOffer();
    retention.payment.retention = { amountPence: 5_000_000, months: 121, releasedWhen: "" };
    expect(problemsOf(retention)).toEqual([
      { field: "payment.retention.months", message: "must be 1 to 120 months" },
      { field: "payment.retention.releasedWhen", message: "say what releases the retention" },
    ]);
    retention.payment.retention = { amountPence: 5_000_000, months: 1, releasedWhen: "a clean stock count" };
    expect(problemsOf(retention)).toEqual([]);
  });

  it("refuses a locked box dated after today; today is fine", () => {
    const terms = shareOffer();
    terms.priceMechanism = { kind: "LOCKED_BOX", balanceSheetDate: "2026-11-26" };
    expect(problemsOf(terms)).toEqual([
      {
        field: "priceMechanism.balanceSheetDate",
        message: "a locked box's balance sheet cannot be dated in the future",
      },
    ]);
    terms.priceMechanism = { kind: "LOCKED_BOX", balanceSheetDate: TODAY };
    expect(problemsOf(terms)).toEqual([]);
  });

  it("wants an 'other' condition described", () => {
    const terms = shareOffer();
    terms.conditions = [{ kind: "KEY_STAFF" }, { kind: "OTHER", text: " " }, { kind: "OTHER" }];
    expect(problemsOf(terms)).toEqual([
      { field: "conditions.1.text", message: "say what the condition is" },
      { field: "conditions.2.text", message: "say what the condition is" },
    ]);
    terms.conditions = [{ kind: "OTHER", text: "Ofsted registration transfers" }];
    expect(problemsOf(terms)).toEqual([]);
  });

  it("keeps share-purchase and asset-purchase fields to their kind of deal", () => {
    const share = shareOffer();
    share.tupeApplies = false;
    share.togcIntended = false;
    expect(problemsOf(share)).toEqual([
      { field: "tupeApplies", message: "only for an asset purchase" },
      { field: "togcIntended", message: "only for an asset purchase" },
    ]);
    const asset = assetOffer();
    asset.cashFreeDebtFree = false;
    asset.tupeApplies = undefined;
    asset.togcIntended = undefined;
    expect(problemsOf(asset)).toEqual([
      { field: "cashFreeDebtFree", message: "only for a share purchase" },
      { field: "tupeApplies", message: "say whether employees transfer under TUPE" },
      { field: "togcIntended", message: "say whether a transfer of a going concern is intended" },
    ]);
  });

  it("asks for 1 to 120 days of exclusivity, keeps an offer open 1 to 30 days, and completes after today", () => {
    const withTimetable = (exclusivityDays: number, openDays: number, targetCompletionDate: string) =>
      fieldsOf({ ...shareOffer(), exclusivityDays, openDays, targetCompletionDate });
    expect(withTimetable(1, 1, "2026-11-26")).toEqual([]);
    expect(withTimetable(120, 30, "2027-11-25")).toEqual([]);
    expect(withTimetable(0, 0, TODAY)).toEqual(["exclusivityDays", "openDays", "targetCompletionDate"]);
    expect(withTimetable(121, 31, "2026-01-01")).toEqual(["exclusivityDays", "openDays", "targetCompletionDate"]);
    expect(withTimetable(60.5, 7.5, "2027-01-01")).toEqual(["exclusivityDays", "openDays"]);
    expect(problemsOf({ ...shareOffer(), exclusivityDays: 121, openDays: 31, targetCompletionDate: TODAY })).toEqual([
      { field: "exclusivityDays", message: "must be 1 to 120 days" },
      { field: "openDays", message: "must be 1 to 30 days" },
      { field: "targetCompletionDate", message: "must be after today" },
    ]);
  });
});

describe("formatPounds", () => {
  it("writes pence as pounds a person reads", () => {
    expect(
      [0, 1, 99, 100, 123_456, 120_000_000, -12_345, MAX_AMOUNT_PENCE].map((pence) => formatPounds(pence)),
    ).toEqual(["£0", "£0.01", "£0.99", "£1", "£1,234.56", "£1,200,000", "-£123.45", "£10,000,000,000"]);
  });
});
