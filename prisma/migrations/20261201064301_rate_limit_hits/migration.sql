-- Rate limits counted atomically (functions/rate-limits/attempt-reservations.ts): logins,
-- password-reset and registration requests. A new, empty table: its indexes build instantly.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- CreateTable
CREATE TABLE "rate_limit_hits" (
    "id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "subject_hash" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "attempt_id" UUID NOT NULL,

    CONSTRAINT "rate_limit_hits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rate_limit_hits_scope_subject_hash_occurred_at_idx" ON "rate_limit_hits"("scope", "subject_hash", "occurred_at");

-- CreateIndex
CREATE INDEX "rate_limit_hits_attempt_id_idx" ON "rate_limit_hits"("attempt_id");

-- CreateIndex
CREATE INDEX "rate_limit_hits_occurred_at_idx" ON "rate_limit_hits"("occurred_at");
