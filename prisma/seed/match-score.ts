import type { UkRegion } from "../../generated/prisma/enums.ts";

export interface MatchCriterion {
  criterion: "sector" | "region" | "price" | "revenue";
  score: number;
  max: number;
  reason: string;
}

export interface BuyerCriteria {
  sicCodes: string[];
  regions: UkRegion[];
  minPrice?: bigint | null;
  maxPrice?: bigint | null;
  minRevenue?: bigint | null;
}

export interface ListingFacts {
  sicCode: string;
  region: UkRegion;
  askingPrice: bigint;
  revenue?: bigint | null;
}

const SIC_LEVELS = [
  { digits: 5, name: "subclass", points: 40 },
  { digits: 4, name: "class", points: 32 },
  { digits: 3, name: "group", points: 24 },
  { digits: 2, name: "division", points: 16 },
] as const;

const pounds = (pence: bigint) => `£${(Number(pence) / 100).toLocaleString("en-GB", { maximumFractionDigits: 0 })}`;

function sectorCriterion(buyer: BuyerCriteria, listing: ListingFacts): MatchCriterion {
  if (buyer.sicCodes.length === 0) return { criterion: "sector", score: 20, max: 40, reason: "Open to any sector" };
  // The deepest SIC 2007 level at which the listing falls inside one of the buyer's codes.
  for (const level of SIC_LEVELS) {
    const hit = buyer.sicCodes.find((code) => code.length <= level.digits && listing.sicCode.startsWith(code));
    if (hit && hit.length === level.digits) {
      return { criterion: "sector", score: level.points, max: 40, reason: `Same SIC ${level.name} (${hit})` };
    }
  }
  return { criterion: "sector", score: 0, max: 40, reason: `SIC ${listing.sicCode} is outside the buyer's sectors` };
}

/**
 * A plain, explainable fit score (0-100) used by the seed data: sector 40, region 20, price 25,
 * revenue 15. The matching engine proper is a later piece of work.
 */
export function scoreMatch(
  buyer: BuyerCriteria,
  listing: ListingFacts,
): { score: number; breakdown: MatchCriterion[] } {
  const regionWanted = buyer.regions.length === 0 || buyer.regions.includes(listing.region);
  const aboveMin = buyer.minPrice == null || listing.askingPrice >= buyer.minPrice;
  const belowMax = buyer.maxPrice == null || listing.askingPrice <= buyer.maxPrice;
  const revenueOk = buyer.minRevenue == null || (listing.revenue ?? 0n) >= buyer.minRevenue;
  const breakdown: MatchCriterion[] = [
    sectorCriterion(buyer, listing),
    {
      criterion: "region",
      score: regionWanted ? 20 : 0,
      max: 20,
      reason: regionWanted ? `In a wanted region (${listing.region})` : `${listing.region} is not a wanted region`,
    },
    {
      criterion: "price",
      score: aboveMin && belowMax ? 25 : 0,
      max: 25,
      reason:
        aboveMin && belowMax
          ? `Asking ${pounds(listing.askingPrice)} is within budget`
          : `Asking ${pounds(listing.askingPrice)} is outside budget`,
    },
    {
      criterion: "revenue",
      score: revenueOk ? 15 : 0,
      max: 15,
      reason: revenueOk ? "Turnover meets the minimum" : "Turnover is below the minimum",
    },
  ];
  return { score: breakdown.reduce((sum, item) => sum + item.score, 0), breakdown };
}
