-- Notifications (functions/notifications/): per-topic delivery preferences and the notifications
-- themselves, written in the same transaction as what caused them. New, empty tables: their
-- indexes and foreign keys build instantly. A message not sent on purpose is CANCELLED.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- CreateEnum
CREATE TYPE "NotificationTopic" AS ENUM ('INQUIRY_RECEIVED', 'INQUIRY_ANSWERED', 'NDA_ACCEPTED', 'DEAL_ROOM_QA', 'DEAL_ROOM_DOCUMENTS', 'NEW_MATCHES', 'SAVED_SEARCH_ALERTS', 'INQUIRY_REMINDERS');

-- CreateEnum
CREATE TYPE "NotificationDelivery" AS ENUM ('IMMEDIATE', 'DAILY_DIGEST', 'OFF');

-- AlterEnum
ALTER TYPE "OutboxStatus" ADD VALUE 'CANCELLED';

-- CreateTable
CREATE TABLE "notification_preferences" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "topic" "NotificationTopic" NOT NULL,
    "delivery" "NotificationDelivery" NOT NULL,
    "min_match_score" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notification_preferences_user_id_topic_key" ON "notification_preferences"("user_id", "topic");

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "topic" "NotificationTopic" NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "emailed_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_id_idx" ON "notifications"("user_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "notifications_created_at_idx" ON "notifications"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_user_id_dedupe_key_key" ON "notifications"("user_id", "dedupe_key");

-- AddForeignKey
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Only the match threshold has a minimum score, and it is a score.
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_min_match_score_check"
  CHECK ("min_match_score" IS NULL OR ("topic" = 'NEW_MATCHES' AND "min_match_score" BETWEEN 0 AND 100));

-- The daily digest looks for recent notifications not yet e-mailed.
CREATE INDEX "notifications_awaiting_email_idx" ON "notifications"("created_at") WHERE "emailed_at" IS NULL;

-- A person's notification choices are audited like the rest of their account: an unsubscribe
-- (or a complaint that one was ignored) must be provable.
SELECT audit_table('notification_preferences', '{}', '{}');
