-- CreateIndex
CREATE INDEX "businesses_status_published_at_idx" ON "businesses"("status", "published_at");
