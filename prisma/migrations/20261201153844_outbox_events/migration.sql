-- Events whose consequences run after commit (functions/events/): a listing or buyer profile
-- changed, so its matches are recomputed. A new, empty table: its indexes build instantly.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "leased_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outbox_events_status_next_attempt_at_idx" ON "outbox_events"("status", "next_attempt_at");

-- One pending event per subject and kind: a change to a subject already waiting raises the
-- event's version instead of queuing another (functions/events/enqueue-event.ts).
CREATE UNIQUE INDEX "outbox_events_pending_subject_key" ON "outbox_events"("kind", "subject_id") WHERE "status" = 'PENDING';
