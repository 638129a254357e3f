-- Hand-written (created with `prisma migrate dev --create-only`): indexes for the public listing
-- search that the Prisma schema language cannot express. Partial (live rows only), so Prisma
-- does not introspect them and never reports them as drift.

-- Full-text search over title and description. The expression must match the query's
-- (functions/api/routes/businesses/search-query.ts) for the planner to use it.
CREATE INDEX "businesses_search_document_idx" ON "businesses"
  USING GIN (to_tsvector('english', title || ' ' || description))
  WHERE deleted_at IS NULL;

-- SIC filters at any hierarchy level are prefix matches (sic_code LIKE '62%'); a
-- text_pattern_ops index serves them whatever the database's collation.
CREATE INDEX "businesses_sic_code_prefix_idx" ON "businesses" (sic_code text_pattern_ops)
  WHERE deleted_at IS NULL;
