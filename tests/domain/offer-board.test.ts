// The seller's board (issue 28): each live offer in the terms a broker compares them by, and
// sorted by any of them, offers without a multiple last, ties always in the same order.
import { describe, expect, it } from "vitest";
import { type BoardOffer, type BoardRow, boardRow, sortBoard } from "../../functions/domain/offer-board.ts";
import type { OfferTerms } from "../../functions/domain/offer-terms-rules.ts";

const NOW = new Date("2026-11-25T12:00:00.000Z");

/** £1.2m: £900k at completion, £100k deferred, £150k earn-out, £50k retention; two conditions. */
function terms(overrides: Partial<OfferTerms> = {}): OfferTerms {
  return {
    dealType: "SHARE_PURCHASE",
    pricePence: 120_000_000,
    payment: {
      cashAtCompletionPence: 90_000_000,
      deferred: [{ amountPence: 10_000_000, monthsAfterCompletion: 12 }],
      earnOut: { maxAmountPence: 15_000_000, measure: "EBITDA", months: 24, terms: "on EBITDA" },
      retention: { amountPence: 5_000_000, months: 12, releasedWhen: "no claims" },
    },
    priceMechanism: { kind: "COMPLETION_ACCOUNTS" },
    funding: [{ source: "OWN_CASH", amountPence: 90_000_000 }],
    conditions: [{ kind: "FINANCE" }, { kind: "DUE_DILIGENCE" }],
    exclusivityDays: 60,
    targetCompletionDate: "2027-02-26",
    openDays: 7,
    ...overrides,
  };
}
const offer = (offerId: string, overrides: Partial<BoardOffer> = {}): BoardOffer => ({
  offerId,
  terms: terms(),
  openUntil: new Date(NOW.getTime() + 36 * 3600_000),
  buyerVerified: false,
  ...overrides,
});

describe("boardRow", () => {
  it("shows the price, the cash at completion and what comes later as shares of it, and the multiple of EBITDA", () => {
    const withLoan = terms();
    withLoan.payment.cashAtCompletionPence = 85_000_000;
    withLoan.payment.vendorLoan = { amountPence: 5_000_000, interestBasisPoints: 600, termMonths: 36 };
    expect(
      boardRow(
        offer("a", { terms: withLoan, buyerVerified: true }),
        { ebitdaPence: 30_000_000, sdePence: 40_000_000 },
        NOW,
      ),
    ).toEqual({
      offerId: "a",
      pricePence: 120_000_000,
      cashAtCompletionPence: 85_000_000,
      cashAtCompletionPercent: 70.8,
      paidLaterPercent: 25,
      impliedMultiple: 4,
      multipleOf: "EBITDA",
      conditions: 2,
      exclusivityDays: 60,
      secondsLeft: 36 * 3600,
      buyerVerified: true,
    });
  });

  it("uses SDE when EBITDA is missing or not positive, and gives no multiple of nothing", () => {
    const row = (ebitdaPence: number | null, sdePence: number | null) => {
      const { impliedMultiple, multipleOf } = boardRow(offer("a"), { ebitdaPence, sdePence }, NOW);
      return [impliedMultiple, multipleOf];
    };
    expect(row(null, 35_000_000)).toEqual([3.43, "SDE"]);
    expect(row(0, 35_000_000)).toEqual([3.43, "SDE"]);
    expect(row(-5_000_000, 35_000_000)).toEqual([3.43, "SDE"]);
    expect(row(1, 35_000_000)).toEqual([120_000_000, "EBITDA"]);
    expect(row(null, null)).toEqual([null, null]);
    expect(row(-1, 0)).toEqual([null, null]);
    expect(row(null, 1)).toEqual([120_000_000, "SDE"]);
  });

  it("counts the time left down to the second, and no further than none", () => {
    const left = (openUntil: Date) =>
      boardRow(offer("a", { openUntil }), { ebitdaPence: null, sdePence: null }, NOW).secondsLeft;
    expect(left(new Date(NOW.getTime() + 1999))).toBe(1);
    expect(left(NOW)).toBe(0);
    expect(left(new Date(NOW.getTime() - 60_000))).toBe(0);
  });

  it("rounds the shares to one decimal place", () => {
    const third = terms({ pricePence: 300 });
    third.payment = { cashAtCompletionPence: 100, deferred: [{ amountPence: 200, monthsAfterCompletion: 1 }] };
    const row = boardRow(offer("a", { terms: third }), { ebitdaPence: 7, sdePence: null }, NOW);
    expect([row.cashAtCompletionPercent, row.paidLaterPercent, row.impliedMultiple]).toEqual([33.3, 66.7, 42.86]);
  });
});

describe("sortBoard", () => {
  const rows: BoardRow[] = [
    { ...boardRow(offer("c"), { ebitdaPence: 30_000_000, sdePence: null }, NOW), pricePence: 100 },
    { ...boardRow(offer("a"), { ebitdaPence: null, sdePence: null }, NOW), pricePence: 300, buyerVerified: true },
    { ...boardRow(offer("b"), { ebitdaPence: 20_000_000, sdePence: null }, NOW), pricePence: 100 },
    { ...boardRow(offer("d"), { ebitdaPence: 60_000_000, sdePence: null }, NOW), pricePence: 200 },
  ];
  const ids = (sorted: BoardRow[]) => sorted.map((row) => row.offerId);

  it("sorts by any column either way, ties in offer order", () => {
    expect(ids(sortBoard(rows, "pricePence", "asc"))).toEqual(["b", "c", "d", "a"]);
    expect(ids(sortBoard(rows, "pricePence", "desc"))).toEqual(["a", "d", "b", "c"]);
    expect(ids(sortBoard(rows, "buyerVerified", "desc"))).toEqual(["a", "b", "c", "d"]);
    expect(ids(sortBoard(rows, "buyerVerified", "asc"))).toEqual(["b", "c", "d", "a"]);
    expect(ids(sortBoard(rows, "exclusivityDays", "desc"))).toEqual(["a", "b", "c", "d"]);
  });

  it("puts offers without a multiple last, either way", () => {
    expect(ids(sortBoard(rows, "impliedMultiple", "asc"))).toEqual(["d", "c", "b", "a"]);
    expect(ids(sortBoard(rows, "impliedMultiple", "desc"))).toEqual(["b", "c", "d", "a"]);
    const twoWithout = [rows[1]!, { ...rows[1]!, offerId: "0" }, rows[0]!];
    expect(ids(sortBoard(twoWithout, "impliedMultiple", "asc"))).toEqual(["c", "0", "a"]);
  });

  it("orders rows that tie on the column by offer id, whatever order they came in", () => {
    const tied = ["c", "a", "e", "d", "b"].map((offerId) => ({ ...rows[0]!, offerId }));
    for (const direction of ["asc", "desc"] as const) {
      expect(ids(sortBoard(tied, "pricePence", direction))).toEqual(["a", "b", "c", "d", "e"]);
      expect(ids(sortBoard([...tied].reverse(), "impliedMultiple", direction))).toEqual(["a", "b", "c", "d", "e"]);
    }
  });

  it("leaves the rows it was given as they were", () => {
    const before = ids(rows);
    sortBoard(rows, "pricePence", "asc");
    expect(ids(rows)).toEqual(before);
  });
});
