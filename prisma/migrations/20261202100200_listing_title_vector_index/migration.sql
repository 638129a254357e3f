-- Hand-written: relevance puts listings with the searched words in the title first, and reads
-- them through this index (migration listing_search_vector). Partial (live rows only), so Prisma
-- neither introspects it nor reports it as drift. CONCURRENTLY, alone in its file.
CREATE INDEX CONCURRENTLY "businesses_title_vector_idx" ON "businesses" USING GIN ("title_vector")
  WHERE deleted_at IS NULL;
