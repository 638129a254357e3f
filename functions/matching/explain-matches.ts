import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import type { CriterionScore } from "../matches/match-breakdown.ts";
import { MATCH_SCORING_SQL } from "./match-scoring-sql.ts";

export interface MatchExplanation {
  /** The sum of the breakdown's points. */
  score: number;
  breakdown: CriterionScore[];
}

/**
 * The score and its reasons, criterion by criterion, of each (buyer profile, listing) pair, from
 * the profile and listing as they are now, through the scoring SQL the stored scores come from.
 * Built when matches are read, for the page shown: building reasons costs several times the
 * points, so recomputing stores only scores. Keyed by `${buyerProfileId}:${businessId}`.
 */
export async function explainMatches(
  prisma: PrismaClient | Prisma.TransactionClient,
  pairs: { buyerProfileId: string; businessId: string }[],
): Promise<Map<string, MatchExplanation>> {
  if (pairs.length === 0) return new Map();
  const rows = await prisma.$queryRawUnsafe<
    { buyer_profile_id: string; business_id: string; score: number; breakdown: CriterionScore[] }[]
  >(
    `SELECT p.id::text AS buyer_profile_id, b.id::text AS business_id, m.score, m.breakdown
     FROM unnest($1::uuid[], $2::uuid[]) AS pair(buyer_profile_id, business_id)
     JOIN buyer_profiles p ON p.id = pair.buyer_profile_id
     JOIN businesses b ON b.id = pair.business_id
     CROSS JOIN LATERAL (${MATCH_SCORING_SQL}) m`,
    pairs.map((pair) => pair.buyerProfileId),
    pairs.map((pair) => pair.businessId),
  );
  return new Map(
    rows.map((row) => [`${row.buyer_profile_id}:${row.business_id}`, { score: row.score, breakdown: row.breakdown }]),
  );
}
