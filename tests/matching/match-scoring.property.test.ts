// The matching engine's score, through the very SQL stored matches come from: the examples the
// issue names, and properties over generated buyers and listings (fast-check).

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSectorFilterIsExact } from "../../functions/matching/match-candidates-sql.ts";
import { CRITERION_POINTS, MIN_MATCH_SCORE } from "../../functions/matching/matching-rules.ts";
import {
  type BuyerCriteria,
  type ListingFacts,
  type PairScore,
  scorePairs,
} from "../../functions/matching/score-pairs.ts";
import { UkRegion } from "../../generated/prisma/enums.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const OPEN: BuyerCriteria = {
  sicCodes: [],
  regions: [],
  minPricePence: null,
  maxPricePence: null,
  minRevenuePence: null,
  minEbitdaPence: null,
  fundingSource: null,
  proofOfFundsVerified: false,
};
const LISTING: ListingFacts = {
  sicCode: "62012",
  region: "NORTH_WEST",
  askingPricePence: 100_000_000,
  revenuePence: 300_000_000,
  ebitdaPence: 50_000_000,
  sdePence: null,
};
const score = async (buyer: Partial<BuyerCriteria>, listing: Partial<ListingFacts> = {}) =>
  (await scorePairs(db.prisma, [{ buyer: { ...OPEN, ...buyer }, listing: { ...LISTING, ...listing } }]))[0]!;
const part = (result: PairScore, criterion: string) => result.breakdown.find((item) => item.criterion === criterion)!;

describe("the score, by example", () => {
  it("counts every open criterion in full and says so; funding not stated is neutral", async () => {
    const result = await score({});
    expect(result.breakdown.map((item) => [item.criterion, item.score, item.max, item.reason])).toEqual([
      ["sector", 35, 35, "Open to any sector"],
      ["region", 20, 20, "Open to any region"],
      ["price", 20, 20, "Open to any asking price"],
      ["revenue", 10, 10, "Open to any turnover"],
      ["profit", 10, 10, "Open to any profit"],
      ["funding", 3, 5, "Funding not stated: neutral"],
    ]);
    expect(result.score).toBe(98);
  });

  it("scores the deepest wanted SIC level, whatever the order of the codes", async () => {
    const forwards = await score({ sicCodes: ["62", "6201"] });
    const backwards = await score({ sicCodes: ["6201", "62"] });
    expect(part(forwards, "sector")).toEqual({
      criterion: "sector",
      score: 30,
      max: 35,
      reason: "SIC 62012 is in the wanted SIC class 6201",
    });
    expect(backwards).toEqual(forwards);
    expect(part(await score({ sicCodes: ["62012"] }), "sector").score).toBe(35);
    expect(part(await score({ sicCodes: ["620"] }), "sector").score).toBe(25);
    expect(part(await score({ sicCodes: ["62"] }), "sector").score).toBe(20);
    expect(part(await score({ sicCodes: ["47", "6202"] }), "sector")).toMatchObject({
      score: 0,
      reason: "SIC 62012 is outside the sectors wanted",
    });
  });

  it("grades the price: a little over budget scores a little less, 25% over scores nothing", async () => {
    const price = async (maxPricePence: number) => part(await score({ maxPricePence }), "price");
    expect(await price(100_000_000)).toMatchObject({ score: 20, reason: "Asking £1,000,000 is within budget" });
    expect(await price(95_000_000)).toMatchObject({
      score: 16,
      reason: "Asking £1,000,000 is 5% over the budget of £950,000",
    });
    expect((await price(80_000_000)).score).toBe(0);
    const under = part(await score({ minPricePence: 200_000_000 }), "price");
    expect(under).toMatchObject({ score: 0, reason: "Asking £1,000,000 is 50% under the minimum of £2,000,000" });
  });

  it("treats an undisclosed figure as not disclosed, never as zero", async () => {
    const revenue = part(await score({ minRevenuePence: 1 }, { revenuePence: null }), "revenue");
    expect(revenue).toEqual({ criterion: "revenue", score: 5, max: 10, reason: "Turnover not disclosed" });
    const profit = part(await score({ minEbitdaPence: 1 }, { ebitdaPence: null, sdePence: null }), "profit");
    expect(profit).toMatchObject({ score: 5, reason: "Profit (EBITDA or SDE) not disclosed" });
  });

  it("uses the minimum EBITDA, reading SDE when EBITDA is not given", async () => {
    const short = part(await score({ minEbitdaPence: 60_000_000 }), "profit");
    expect(short).toMatchObject({ score: 7, reason: "EBITDA £500,000 is below the minimum of £600,000 (17% short)" });
    const sde = part(
      await score({ minEbitdaPence: 40_000_000 }, { ebitdaPence: null, sdePence: 45_000_000 }),
      "profit",
    );
    expect(sde).toMatchObject({ score: 10, reason: "SDE £450,000 meets the minimum of £400,000" });
  });

  it("credits verified proof of funds in full and stated funding in part", async () => {
    expect(part(await score({ proofOfFundsVerified: true }), "funding")).toMatchObject({ score: 5 });
    expect(part(await score({ fundingSource: "BANK_DEBT" }), "funding")).toMatchObject({
      score: 3,
      reason: "Funding by bank debt, not yet verified",
    });
  });
});

// Generators: buyers and listings over small vocabularies, so that matches and misses both occur.
const REGIONS = Object.values(UkRegion);
const SIC_CODES = ["62012", "62020", "47110", "56101", "25620", "86230", "55100"];
const money = fc.integer({ min: 0, max: 2_000_000_000 });
const listingFacts: fc.Arbitrary<ListingFacts> = fc.record({
  sicCode: fc.constantFrom(...SIC_CODES),
  region: fc.constantFrom(...REGIONS),
  askingPricePence: money,
  revenuePence: fc.option(money, { nil: null }),
  ebitdaPence: fc.option(fc.integer({ min: -100_000_000, max: 500_000_000 }), { nil: null }),
  sdePence: fc.option(fc.integer({ min: 0, max: 500_000_000 }), { nil: null }),
});
const sicPrefix = fc
  .tuple(fc.constantFrom(...SIC_CODES), fc.integer({ min: 2, max: 5 }))
  .map(([code, digits]) => code.slice(0, digits));
const buyerCriteria: fc.Arbitrary<BuyerCriteria> = fc
  .record({
    sicCodes: fc.uniqueArray(sicPrefix, { maxLength: 4 }),
    regions: fc.uniqueArray(fc.constantFrom(...REGIONS), { maxLength: 4 }),
    minPricePence: fc.option(money, { nil: null }),
    maxPricePence: fc.option(money, { nil: null }),
    minRevenuePence: fc.option(money, { nil: null }),
    minEbitdaPence: fc.option(fc.integer({ min: -100_000_000, max: 500_000_000 }), { nil: null }),
    fundingSource: fc.option(fc.constantFrom("CASH", "BANK_DEBT", "PRIVATE_EQUITY", "MIXED"), { nil: null }),
    proofOfFundsVerified: fc.boolean(),
  })
  .map((buyer) =>
    // A profile's minimum price never exceeds its maximum: PUT /me/buyer-profile refuses that.
    buyer.minPricePence !== null && buyer.maxPricePence !== null && buyer.minPricePence > buyer.maxPricePence
      ? { ...buyer, minPricePence: buyer.maxPricePence, maxPricePence: buyer.minPricePence }
      : buyer,
  );

/** Scores many generated cases at once: one round trip per property run. */
const cases = <T>(arbitrary: fc.Arbitrary<T>) => fc.array(arbitrary, { minLength: 1, maxLength: 40 });
const RUNS = { numRuns: 40 };

it("leaves pairs outside the wanted sectors unscored only while they could never be kept", () => {
  expect(() => checkSectorFilterIsExact(CRITERION_POINTS.sector, MIN_MATCH_SCORE)).not.toThrow();
  expect(() => checkSectorFilterIsExact(35, 66)).not.toThrow();
  // At 65 points without the sector, a minimum of 65 would keep such a pair: the filter would drop it.
  expect(() => checkSectorFilterIsExact(35, 65)).toThrow(
    "MIN_MATCH_SCORE no longer exceeds what a pair outside the wanted sectors can score",
  );
});

it("scores no pairs as no scores", async () => {
  expect(await scorePairs(db.prisma, [])).toEqual([]);
});

describe("the score's properties", () => {
  it("stays within 0 to 100, equals the sum of its parts and the score recomputing stores, and no part exceeds its maximum", async () => {
    await fc.assert(
      fc.asyncProperty(cases(fc.record({ buyer: buyerCriteria, listing: listingFacts })), async (pairs) => {
        for (const result of await scorePairs(db.prisma, pairs)) {
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(100);
          expect(result.breakdown.reduce((sum, item) => sum + item.score, 0)).toBe(result.score);
          expect(result.storedScore).toBe(result.score);
          // Recomputing skips only pairs that could never be kept.
          if (!result.candidate) expect(result.score).toBeLessThan(MIN_MATCH_SCORE);
          for (const item of result.breakdown) {
            expect(item.max).toBe(CRITERION_POINTS[item.criterion as keyof typeof CRITERION_POINTS]);
            expect(item.score).toBeGreaterThanOrEqual(0);
            expect(item.score).toBeLessThanOrEqual(item.max);
            expect(item.reason.length).toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });

  it("does not depend on the order of a buyer's codes or regions", async () => {
    const shuffled = fc
      .record({ buyer: buyerCriteria, listing: listingFacts, seed: fc.integer() })
      .map(({ buyer, listing, seed }) => {
        const reorder = <T>(items: T[]) =>
          [...items].sort((a, b) => (String(a) < String(b) ? 1 : -1) * (seed % 2 ? 1 : -1));
        return {
          buyer,
          listing,
          reordered: { ...buyer, sicCodes: reorder(buyer.sicCodes), regions: reorder(buyer.regions) },
        };
      });
    await fc.assert(
      fc.asyncProperty(cases(shuffled), async (items) => {
        const original = await scorePairs(db.prisma, items);
        const reordered = await scorePairs(
          db.prisma,
          items.map(({ reordered, listing }) => ({ buyer: reordered, listing })),
        );
        expect(reordered).toEqual(original);
      }),
      RUNS,
    );
  });

  it("never falls when a buyer raises a budget, lowers a minimum, drops a bound or wants more", async () => {
    const widen = (
      buyer: BuyerCriteria,
      how: number,
      amount: number,
      extra: string,
      region: UkRegion,
    ): BuyerCriteria => {
      switch (how) {
        case 0:
          return { ...buyer, maxPricePence: buyer.maxPricePence === null ? null : buyer.maxPricePence + amount };
        case 1:
          return {
            ...buyer,
            minPricePence: buyer.minPricePence === null ? null : Math.max(0, buyer.minPricePence - amount),
          };
        case 2:
          return {
            ...buyer,
            minRevenuePence: buyer.minRevenuePence === null ? null : Math.max(0, buyer.minRevenuePence - amount),
          };
        case 3:
          return { ...buyer, minEbitdaPence: buyer.minEbitdaPence === null ? null : buyer.minEbitdaPence - amount };
        case 4:
          return { ...buyer, minPricePence: null, maxPricePence: null, minRevenuePence: null, minEbitdaPence: null };
        case 5:
          return buyer.sicCodes.length === 0 ? buyer : { ...buyer, sicCodes: [...new Set([...buyer.sicCodes, extra])] };
        case 6:
          return buyer.regions.length === 0 ? buyer : { ...buyer, regions: [...new Set([...buyer.regions, region])] };
        default:
          return { ...buyer, sicCodes: [], regions: [] };
      }
    };
    const widened = fc
      .record({
        buyer: buyerCriteria,
        listing: listingFacts,
        how: fc.integer({ min: 0, max: 7 }),
        amount: fc.integer({ min: 1, max: 500_000_000 }),
        extra: sicPrefix,
        region: fc.constantFrom(...REGIONS),
      })
      .map(({ buyer, listing, how, amount, extra, region }) => ({
        buyer,
        listing,
        wider: widen(buyer, how, amount, extra, region),
      }));
    await fc.assert(
      fc.asyncProperty(cases(widened), async (items) => {
        const before = await scorePairs(db.prisma, items);
        const after = await scorePairs(
          db.prisma,
          items.map(({ wider, listing }) => ({ buyer: wider, listing })),
        );
        for (const [index, result] of after.entries()) {
          expect(result.score).toBeGreaterThanOrEqual(before[index]!.score);
        }
      }),
      RUNS,
    );
  });
});
