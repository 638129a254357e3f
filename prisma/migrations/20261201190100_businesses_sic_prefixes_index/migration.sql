-- Hand-written: for one buyer profile, the listings whose SIC prefixes (division, group, class,
-- subclass) hold one of the profile's codes (functions/matching/match-candidates-sql.ts). The
-- expression must stay the same as LISTING_SIC_PREFIXES_SQL (match-scoring-sql.ts) for the
-- planner to use it. CONCURRENTLY, alone in its file: writes go on meanwhile.
CREATE INDEX CONCURRENTLY "businesses_sic_prefixes_idx" ON "businesses"
  USING GIN ((ARRAY[left(sic_code, 2), left(sic_code, 3), left(sic_code, 4), sic_code]))
  WHERE deleted_at IS NULL;
