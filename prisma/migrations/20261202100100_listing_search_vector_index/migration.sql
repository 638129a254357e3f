-- Hand-written: full-text search over the stored document (migration listing_search_vector).
-- Partial (live rows only), like the index it replaces, so Prisma neither introspects it nor
-- reports it as drift. CONCURRENTLY, alone in its file: writes go on meanwhile.
CREATE INDEX CONCURRENTLY "businesses_search_vector_idx" ON "businesses" USING GIN ("search_vector")
  WHERE deleted_at IS NULL;
