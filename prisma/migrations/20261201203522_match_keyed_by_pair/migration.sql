-- A match is keyed by its pair (buyer profile, listing) instead of a surrogate id: recomputing
-- writes thousands of matches in one statement, and every index costs each of them (measured by
-- bench:matching). The pair's unique index becomes the primary key as it is (no rebuild); a
-- buyer's matches are found by its first column, so the (buyer, score) index goes. `id` stays,
-- filled by default, for releases still deployed, and is dropped later (expand, then contract).
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "matches" DROP CONSTRAINT "matches_pkey";
ALTER TABLE "matches" ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE "matches" ADD CONSTRAINT "matches_pkey" PRIMARY KEY USING INDEX "matches_buyer_profile_id_business_id_key";

DROP INDEX "matches_buyer_profile_id_score_idx";
