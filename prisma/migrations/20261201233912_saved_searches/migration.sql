-- Saved searches (functions/saved-searches/): a buyer's listing searches and how their alerts are
-- e-mailed; a notification may carry its own delivery (a saved search's frequency). A new, empty
-- table (its indexes build instantly) and a nullable column with no default (no rewrite).
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "delivery" "NotificationDelivery";

-- CreateTable
CREATE TABLE "saved_searches" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "alert_frequency" "NotificationDelivery" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saved_searches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "saved_searches_user_id_created_at_idx" ON "saved_searches"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "saved_searches_alert_frequency_idx" ON "saved_searches"("alert_frequency");

-- AddForeignKey
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A name people recognise in a list and in an e-mail.
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 100);

-- A buyer's saved searches are theirs, like their acquisition profile: audited.
SELECT audit_table('saved_searches', '{name,filters}', '{}');
