import { MIN_MATCH_SCORE } from "./matching-rules.ts";

/**
 * Replaces the matches of one side (a listing's, or a buyer profile's) with `scored` (a CTE of
 * buyer_profile_id, business_id, score): pairs at MIN_MATCH_SCORE or more are
 * inserted or updated (unchanged ones left alone), every other match of that side is deleted.
 * A match is keyed by its pair, so recomputing is idempotent and the seed deterministic.
 * `side` is the column that identifies the side; `$1` its id and `$2` "now".
 */
export function storeMatchesSql(side: "business_id" | "buyer_profile_id", scoredCte: string): string {
  return `
    WITH scored AS (${scoredCte}),
    kept AS (SELECT * FROM scored WHERE score >= ${MIN_MATCH_SCORE}),
    removed AS (
      DELETE FROM matches m
      WHERE m.${side} = $1::uuid
        AND NOT EXISTS (SELECT 1 FROM kept k
                        WHERE k.buyer_profile_id = m.buyer_profile_id AND k.business_id = m.business_id)
      RETURNING m.buyer_profile_id
    ),
    stored AS (
      -- id (no longer the key, dropped later) derived from the pair: the seed stays deterministic.
      INSERT INTO matches (id, buyer_profile_id, business_id, score, created_at, updated_at)
      SELECT md5(buyer_profile_id::text || ':' || business_id::text)::uuid, buyer_profile_id, business_id, score, $2, $2
      FROM kept
      ON CONFLICT (buyer_profile_id, business_id) DO UPDATE
        SET score = excluded.score, updated_at = excluded.updated_at
        WHERE matches.score IS DISTINCT FROM excluded.score
      RETURNING buyer_profile_id, business_id, (xmax = 0) AS inserted
    )
    SELECT (SELECT count(*) FROM kept)::int AS kept,
           (SELECT count(*) FROM removed)::int AS removed,
           (SELECT count(*) FROM stored WHERE inserted)::int AS inserted,
           (SELECT count(*) FROM stored WHERE NOT inserted)::int AS updated,
           coalesce((SELECT jsonb_agg(jsonb_build_object('buyerProfileId', buyer_profile_id, 'businessId', business_id))
                     FROM stored WHERE inserted), '[]') AS new_matches`;
}

export interface StoredMatches {
  /** Pairs at the minimum score or above, after the recompute. */
  kept: number;
  removed: number;
  inserted: number;
  /** Existing matches whose score changed. */
  updated: number;
  /** The matches that did not exist before (new to their buyer). */
  newMatches: { buyerProfileId: string; businessId: string }[];
}

export function toStoredMatches(row: {
  kept: number;
  removed: number;
  inserted: number;
  updated: number;
  new_matches: { buyerProfileId: string; businessId: string }[];
}): StoredMatches {
  return {
    kept: row.kept,
    removed: row.removed,
    inserted: row.inserted,
    updated: row.updated,
    newMatches: row.new_matches,
  };
}
