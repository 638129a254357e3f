import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { LIVE_BUYER_SQL, MATCHABLE_LISTING_SQL, WANTED_SECTOR_SQL } from "./match-candidates-sql.ts";
import { MATCH_POINTS_SQL } from "./match-scoring-sql.ts";
import { type StoredMatches, storeMatchesSql, toStoredMatches } from "./store-matches-sql.ts";

/** Buyer profile `$1` scored against every listing for sale (the bare scoring query: scores only, nothing stored). */
export const PROFILE_AGAINST_LISTINGS_SQL = `
  SELECT p.id AS buyer_profile_id, b.id AS business_id, m.score
   FROM buyer_profiles p
   JOIN users u ON u.id = p.user_id
   JOIN businesses b ON ${MATCHABLE_LISTING_SQL}
   CROSS JOIN LATERAL (${MATCH_POINTS_SQL}) m
   WHERE p.id = $1::uuid AND ${LIVE_BUYER_SQL} AND ${WANTED_SECTOR_SQL}`;

const SQL = storeMatchesSql("buyer_profile_id", PROFILE_AGAINST_LISTINGS_SQL);

/**
 * Scores one buyer profile against every listing for sale in one statement and stores the
 * result: a deleted profile, or a suspended or erased buyer, is left with no matches.
 */
export async function recomputeProfileMatches(
  prisma: PrismaClient | Prisma.TransactionClient,
  buyerProfileId: string,
  now: Date,
): Promise<StoredMatches> {
  const [row] = await prisma.$queryRawUnsafe<Parameters<typeof toStoredMatches>[0][]>(SQL, buyerProfileId, now);
  return toStoredMatches(row!);
}
