-- AlterTable
ALTER TABLE "activity_logs" ADD COLUMN     "security_flag" TEXT;

-- AlterTable
ALTER TABLE "audit_logs" ADD COLUMN     "changed_columns" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "db_role" TEXT NOT NULL DEFAULT CURRENT_USER,
ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "prev_hash" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "anonymized_at" TIMESTAMPTZ(3),
ADD COLUMN     "phone_blind_index" TEXT;

-- CreateTable
CREATE TABLE "audit_chain" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_id" BIGINT NOT NULL DEFAULT 0,
    "last_hash" TEXT NOT NULL DEFAULT '',
    "anchor_id" BIGINT NOT NULL DEFAULT 0,
    "anchor_hash" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "audit_chain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "retention_runs" (
    "id" UUID NOT NULL,
    "job" TEXT NOT NULL,
    "dry_run" BOOLEAN NOT NULL,
    "cutoff" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "processed" INTEGER NOT NULL DEFAULT 0,
    "batches" INTEGER NOT NULL DEFAULT 0,
    "longest_batch_ms" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "retention_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "retention_runs_job_started_at_idx" ON "retention_runs"("job", "started_at");

-- CreateIndex
CREATE INDEX "activity_logs_security_flag_occurred_at_idx" ON "activity_logs"("security_flag", "occurred_at");

-- CreateIndex
CREATE INDEX "users_phone_blind_index_idx" ON "users"("phone_blind_index");
