import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { FundingSource, UkRegion } from "../../generated/prisma/enums.ts";
import type { CriterionScore } from "../matches/match-breakdown.ts";
import { WANTED_SECTOR_SQL } from "./match-candidates-sql.ts";
import { MATCH_POINTS_SQL, MATCH_SCORING_SQL } from "./match-scoring-sql.ts";

/** A buyer's criteria as the engine reads them (buyer_profiles' columns); money in pence. */
export interface BuyerCriteria {
  sicCodes: string[];
  regions: UkRegion[];
  minPricePence: number | null;
  maxPricePence: number | null;
  minRevenuePence: number | null;
  minEbitdaPence: number | null;
  fundingSource: FundingSource | null;
  proofOfFundsVerified: boolean;
}

/** A listing's facts as the engine reads them (businesses' columns); money in pence. */
export interface ListingFacts {
  sicCode: string;
  region: UkRegion;
  askingPricePence: number;
  revenuePence: number | null;
  ebitdaPence: number | null;
  sdePence: number | null;
}

export interface PairScore {
  score: number;
  /** The score as recomputing stores it (MATCH_POINTS_SQL): always equal to `score`. */
  storedScore: number;
  /** Whether recomputing scores the pair at all (WANTED_SECTOR_SQL): never for one it must keep. */
  candidate: boolean;
  breakdown: CriterionScore[];
}

/**
 * Scores pairs of criteria and facts that need not be stored anywhere, through the very SQL the
 * stored matches come from (match-scoring-sql.ts): for explaining a score, and for testing the
 * engine's properties over many generated pairs in one round trip.
 */
export async function scorePairs(
  prisma: PrismaClient,
  pairs: { buyer: BuyerCriteria; listing: ListingFacts }[],
): Promise<PairScore[]> {
  if (pairs.length === 0) return [];
  const rows = pairs.map(({ buyer, listing }, index) => ({
    index,
    sic_codes: buyer.sicCodes,
    regions: buyer.regions,
    min_price_pence: buyer.minPricePence,
    max_price_pence: buyer.maxPricePence,
    min_revenue_pence: buyer.minRevenuePence,
    min_ebitda_pence: buyer.minEbitdaPence,
    funding_source: buyer.fundingSource,
    proof_of_funds_verified_at: buyer.proofOfFundsVerified ? "2026-01-01T00:00:00Z" : null,
    sic_code: listing.sicCode,
    region: listing.region,
    asking_price_pence: listing.askingPricePence,
    revenue_pence: listing.revenuePence,
    ebitda_pence: listing.ebitdaPence,
    sde_pence: listing.sdePence,
  }));
  const scored = await prisma.$queryRawUnsafe<
    { index: number; score: number; stored_score: number; candidate: boolean; breakdown: CriterionScore[] }[]
  >(
    `WITH pairs AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
         index int, sic_codes text[], regions "UkRegion"[], min_price_pence bigint, max_price_pence bigint,
         min_revenue_pence bigint, min_ebitda_pence bigint, funding_source "FundingSource",
         proof_of_funds_verified_at timestamptz, sic_code text, region "UkRegion", asking_price_pence bigint,
         revenue_pence bigint, ebitda_pence bigint, sde_pence bigint)
     )
     SELECT pairs.index, m.score, points.score AS stored_score, ${WANTED_SECTOR_SQL} AS candidate, m.breakdown
     -- Each pair plays both parts: its criteria columns as the profile p, its facts as the listing b.
     FROM pairs JOIN pairs p ON p.index = pairs.index JOIN pairs b ON b.index = pairs.index
     CROSS JOIN LATERAL (${MATCH_SCORING_SQL}) m
     CROSS JOIN LATERAL (${MATCH_POINTS_SQL}) points
     ORDER BY pairs.index`,
    JSON.stringify(rows),
  );
  return scored.map((row) => ({
    score: row.score,
    storedScore: row.stored_score,
    candidate: row.candidate,
    breakdown: row.breakdown,
  }));
}
