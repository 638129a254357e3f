// Completed deals as anonymised comparables (issue 28): the size band by revenue, the month not
// the day, the price's multiples of the figures at completion, and nothing that names anyone.
import { describe, expect, it } from "vitest";
import { type CompletedDealFacts, comparableOf, sizeBandOf } from "../../functions/domain/deal-comparables.ts";

const POUND = 100;
const deal = (extra: Partial<CompletedDealFacts> = {}): CompletedDealFacts => ({
  sicCode: "62020",
  region: "NORTH_WEST",
  dealType: "SHARE_PURCHASE",
  completedOn: "2026-11-25",
  pricePence: 1_200_000 * POUND,
  revenuePence: 2_400_000 * POUND,
  ebitdaPence: 300_000 * POUND,
  sdePence: 350_000 * POUND,
  ...extra,
});

describe("comparableOf", () => {
  it("keeps what was sold, how, in which month and for what, with the price's multiples", () => {
    expect(comparableOf(deal())).toEqual({
      sicCode: "62020",
      region: "NORTH_WEST",
      sizeBand: "2M_TO_10M",
      dealType: "SHARE_PURCHASE",
      completedIn: "2026-11",
      pricePence: 120_000_000,
      priceToRevenue: 0.5,
      priceToEbitda: 4,
      priceToSde: 3.43,
    });
  });

  it("gives no multiple of a missing, zero or negative figure", () => {
    expect(comparableOf(deal({ revenuePence: null, ebitdaPence: 0, sdePence: -1 }))).toMatchObject({
      sizeBand: "NOT_DISCLOSED",
      priceToRevenue: null,
      priceToEbitda: null,
      priceToSde: null,
    });
    expect(comparableOf(deal({ ebitdaPence: 1, sdePence: 1, revenuePence: 1 }))).toMatchObject({
      priceToRevenue: 120_000_000,
      priceToEbitda: 120_000_000,
      priceToSde: 120_000_000,
    });
  });

  it("holds nothing but these fields", () => {
    expect(Object.keys(comparableOf(deal())).sort()).toEqual(
      [
        "completedIn",
        "dealType",
        "pricePence",
        "priceToEbitda",
        "priceToRevenue",
        "priceToSde",
        "region",
        "sicCode",
        "sizeBand",
      ].sort(),
    );
  });
});

describe("sizeBandOf", () => {
  it("bands by annual revenue, each band including its lower bound", () => {
    expect(
      [0, 499_999.99, 500_000, 1_999_999.99, 2_000_000, 9_999_999.99, 10_000_000].map((pounds) =>
        sizeBandOf(Math.round(pounds * POUND)),
      ),
    ).toEqual(["UNDER_500K", "UNDER_500K", "500K_TO_2M", "500K_TO_2M", "2M_TO_10M", "2M_TO_10M", "10M_AND_OVER"]);
    expect(sizeBandOf(null)).toBe("NOT_DISCLOSED");
  });
});
