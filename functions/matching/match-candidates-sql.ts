import { LISTING_SIC_PREFIXES_SQL } from "./match-scoring-sql.ts";
import { CRITERION_POINTS, MATCHABLE_STATUSES, MIN_MATCH_SCORE } from "./matching-rules.ts";

// Which profiles and listings may match at all, as SQL conditions on `p` (buyer_profiles),
// `u` (its user) and `b` (businesses): live profiles of active, not erased buyers; listings
// still for sale; and the buyer wants the listing's sector.

export const LIVE_BUYER_SQL = `p.deleted_at IS NULL AND u.deleted_at IS NULL AND u.status = 'ACTIVE'`;

const statuses = MATCHABLE_STATUSES.map((status) => `'${status}'`).join(", ");
export const MATCHABLE_LISTING_SQL = `b.deleted_at IS NULL AND b.status IN (${statuses})`;

/**
 * A listing outside every sector the buyer wants scores at most 100 minus the sector's points;
 * leaving such pairs unscored (WANTED_SECTOR_SQL) is exact only while that is below the minimum
 * kept. Checked when this module loads, so a change to either number that breaks it stops the
 * app at start instead of silently dropping matches.
 */
export function checkSectorFilterIsExact(sectorPoints: number, minMatchScore: number): void {
  if (100 - sectorPoints >= minMatchScore) {
    throw new Error("MIN_MATCH_SCORE no longer exceeds what a pair outside the wanted sectors can score");
  }
}
checkSectorFilterIsExact(CRITERION_POINTS.sector, MIN_MATCH_SCORE);

/**
 * The buyer is open to any sector or wants one the listing is in. Both sides are indexed
 * (migration matching_candidate_indexes): the open profiles by a partial index, the wanted codes
 * by buyer_profiles' GIN index, a listing's SIC prefixes by businesses_sic_prefixes_idx.
 */
export const WANTED_SECTOR_SQL = `(cardinality(p.sic_codes) = 0 OR p.sic_codes && ${LISTING_SIC_PREFIXES_SQL})`;
