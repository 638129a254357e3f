-- Hand-written (created with `prisma migrate dev --create-only`): keyset-pagination indexes for
-- the listing search's sort orders, on live listings only (partial, so Prisma does not see
-- them). With them a page of the newest or cheapest listings reads ~20 index entries instead
-- of sorting every listing. The expressions match search-query.ts's ORDER BY exactly.
CREATE INDEX "businesses_live_newest_idx" ON "businesses" (published_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX "businesses_live_price_idx" ON "businesses" (asking_price_pence, id) WHERE deleted_at IS NULL;
CREATE INDEX "businesses_live_revenue_idx" ON "businesses" ((COALESCE(revenue_pence, -1)) DESC, id DESC) WHERE deleted_at IS NULL;
