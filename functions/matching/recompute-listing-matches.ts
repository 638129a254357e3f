import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { LIVE_BUYER_SQL, MATCHABLE_LISTING_SQL, WANTED_SECTOR_SQL } from "./match-candidates-sql.ts";
import { MATCH_POINTS_SQL } from "./match-scoring-sql.ts";
import { type StoredMatches, storeMatchesSql, toStoredMatches } from "./store-matches-sql.ts";

/** Every live buyer profile scored against listing `$1` (the bare scoring query: scores only, nothing stored). */
export const LISTING_AGAINST_PROFILES_SQL = `
  SELECT p.id AS buyer_profile_id, b.id AS business_id, m.score
   FROM businesses b
   JOIN buyer_profiles p ON true
   JOIN users u ON u.id = p.user_id
   CROSS JOIN LATERAL (${MATCH_POINTS_SQL}) m
   WHERE b.id = $1::uuid AND ${MATCHABLE_LISTING_SQL} AND ${LIVE_BUYER_SQL} AND ${WANTED_SECTOR_SQL}`;

const SQL = storeMatchesSql("business_id", LISTING_AGAINST_PROFILES_SQL);

/**
 * Scores one listing against every live buyer profile in one statement and stores the result:
 * a listing no longer for sale (or deleted) is left with no matches.
 */
export async function recomputeListingMatches(
  prisma: PrismaClient | Prisma.TransactionClient,
  businessId: string,
  now: Date,
): Promise<StoredMatches> {
  const [row] = await prisma.$queryRawUnsafe<Parameters<typeof toStoredMatches>[0][]>(SQL, businessId, now);
  return toStoredMatches(row!);
}
