-- Deals on the platform (issue 28): offers and their immutable versions, deals with their heads
-- of terms, signatures and exclusivity, and buyers' customer due diligence. New, empty tables
-- (their indexes and foreign keys build instantly); two notification topics appended.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- CreateEnum
CREATE TYPE "DealType" AS ENUM ('SHARE_PURCHASE', 'ASSET_PURCHASE');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('AWAITING_SELLER', 'AWAITING_BUYER', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'EXPIRED');

-- CreateEnum
CREATE TYPE "DealParty" AS ENUM ('BUYER', 'SELLER');

-- CreateEnum
CREATE TYPE "DealStatus" AS ENUM ('HEADS_OF_TERMS', 'EXCLUSIVE', 'COMPLETION_RECORDED', 'COMPLETED', 'FELL_THROUGH');

-- CreateEnum
CREATE TYPE "SignaturePurpose" AS ENUM ('HEADS_OF_TERMS', 'EXCLUSIVITY_EXTENSION');

-- CreateEnum
CREATE TYPE "ExclusivityEnd" AS ENUM ('EXPIRED', 'ENDED_BY_SELLER', 'WITHDRAWN_BY_BUYER', 'FELL_THROUGH', 'COMPLETED');

-- CreateEnum
CREATE TYPE "IdentityCheckMethod" AS ENUM ('IN_PERSON', 'ELECTRONIC', 'CERTIFIED_DOCUMENTS', 'SOLICITOR_CERTIFICATE');

-- CreateEnum
CREATE TYPE "AmlRiskRating" AS ENUM ('LOW', 'STANDARD', 'HIGH');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationTopic" ADD VALUE 'OFFERS';
ALTER TYPE "NotificationTopic" ADD VALUE 'DEAL_PROGRESS';

-- CreateTable
CREATE TABLE "offers" (
    "id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "buyer_id" UUID NOT NULL,
    "inquiry_id" UUID NOT NULL,
    "status" "OfferStatus" NOT NULL DEFAULT 'AWAITING_SELLER',
    "latest_version" INTEGER NOT NULL DEFAULT 1,
    "open_until" TIMESTAMPTZ(3) NOT NULL,
    "frozen_at" TIMESTAMPTZ(3),
    "rejection_reason" TEXT,
    "ended_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "offers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offer_versions" (
    "id" UUID NOT NULL,
    "offer_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "proposed_by" "DealParty" NOT NULL,
    "proposed_by_id" UUID NOT NULL,
    "deal_type" "DealType" NOT NULL,
    "price_pence" BIGINT NOT NULL,
    "cash_at_completion_pence" BIGINT NOT NULL,
    "terms" JSONB NOT NULL,
    "open_until" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offer_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deals" (
    "id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "offer_id" UUID NOT NULL,
    "offer_version_id" UUID NOT NULL,
    "buyer_id" UUID NOT NULL,
    "seller_id" UUID NOT NULL,
    "status" "DealStatus" NOT NULL DEFAULT 'HEADS_OF_TERMS',
    "heads_of_terms_storage_key" TEXT NOT NULL,
    "heads_of_terms_sha256" TEXT NOT NULL,
    "exclusivity_days" INTEGER NOT NULL,
    "completed_on" DATE,
    "completion_terms" JSONB,
    "completion_recorded_at" TIMESTAMPTZ(3),
    "completion_recorded_by_id" UUID,
    "completion_confirmed_at" TIMESTAMPTZ(3),
    "fell_through_at" TIMESTAMPTZ(3),
    "fell_through_by_id" UUID,
    "fell_through_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deal_signatures" (
    "id" UUID NOT NULL,
    "deal_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "party" "DealParty" NOT NULL,
    "purpose" "SignaturePurpose" NOT NULL,
    "full_name" TEXT NOT NULL,
    "consent_text" TEXT NOT NULL,
    "document_sha256" TEXT NOT NULL,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "signed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deal_signatures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exclusivities" (
    "id" UUID NOT NULL,
    "deal_id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "extension_days" INTEGER,
    "extension_proposed_by" "DealParty",
    "extended_at" TIMESTAMPTZ(3),
    "last_reminder_days" INTEGER,
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" "ExclusivityEnd",
    "end_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "exclusivities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "buyer_due_diligence" (
    "id" UUID NOT NULL,
    "buyer_id" UUID NOT NULL,
    "identity_method" "IdentityCheckMethod" NOT NULL,
    "identity_checked_at" TIMESTAMPTZ(3) NOT NULL,
    "source_of_funds" TEXT NOT NULL,
    "risk_rating" "AmlRiskRating" NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "buyer_due_diligence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deal_comparables" (
    "id" UUID NOT NULL,
    "sic_code" TEXT NOT NULL,
    "region" "UkRegion" NOT NULL,
    "size_band" TEXT NOT NULL,
    "deal_type" "DealType" NOT NULL,
    "completed_in" TEXT NOT NULL,
    "price_pence" BIGINT NOT NULL,
    "price_to_revenue" DECIMAL(12,2),
    "price_to_ebitda" DECIMAL(12,2),
    "price_to_sde" DECIMAL(12,2),

    CONSTRAINT "deal_comparables_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "offers_business_id_status_idx" ON "offers"("business_id", "status");

-- CreateIndex
CREATE INDEX "offers_buyer_id_created_at_idx" ON "offers"("buyer_id", "created_at");

-- CreateIndex
CREATE INDEX "offers_inquiry_id_idx" ON "offers"("inquiry_id");

-- CreateIndex
CREATE INDEX "offer_versions_proposed_by_id_idx" ON "offer_versions"("proposed_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "offer_versions_offer_id_number_key" ON "offer_versions"("offer_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "deals_offer_id_key" ON "deals"("offer_id");

-- CreateIndex
CREATE UNIQUE INDEX "deals_offer_version_id_key" ON "deals"("offer_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "deals_heads_of_terms_storage_key_key" ON "deals"("heads_of_terms_storage_key");

-- CreateIndex
CREATE INDEX "deals_business_id_status_idx" ON "deals"("business_id", "status");

-- CreateIndex
CREATE INDEX "deals_buyer_id_idx" ON "deals"("buyer_id");

-- CreateIndex
CREATE INDEX "deals_seller_id_idx" ON "deals"("seller_id");

-- CreateIndex
CREATE INDEX "deals_completion_recorded_by_id_idx" ON "deals"("completion_recorded_by_id");

-- CreateIndex
CREATE INDEX "deals_fell_through_by_id_idx" ON "deals"("fell_through_by_id");

-- CreateIndex
CREATE INDEX "deal_signatures_user_id_idx" ON "deal_signatures"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "deal_signatures_deal_id_purpose_party_key" ON "deal_signatures"("deal_id", "purpose", "party");

-- CreateIndex
CREATE UNIQUE INDEX "exclusivities_deal_id_key" ON "exclusivities"("deal_id");

-- CreateIndex
CREATE INDEX "exclusivities_business_id_idx" ON "exclusivities"("business_id");

-- CreateIndex
CREATE INDEX "deal_comparables_sic_code_completed_in_idx" ON "deal_comparables"("sic_code", "completed_in");

-- CreateIndex
CREATE UNIQUE INDEX "buyer_due_diligence_buyer_id_key" ON "buyer_due_diligence"("buyer_id");

-- CreateIndex
CREATE INDEX "buyer_due_diligence_recorded_by_id_idx" ON "buyer_due_diligence"("recorded_by_id");

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_inquiry_id_fkey" FOREIGN KEY ("inquiry_id") REFERENCES "inquiries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_versions" ADD CONSTRAINT "offer_versions_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offer_versions" ADD CONSTRAINT "offer_versions_proposed_by_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_offer_version_id_fkey" FOREIGN KEY ("offer_version_id") REFERENCES "offer_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_completion_recorded_by_id_fkey" FOREIGN KEY ("completion_recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deals" ADD CONSTRAINT "deals_fell_through_by_id_fkey" FOREIGN KEY ("fell_through_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_signatures" ADD CONSTRAINT "deal_signatures_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_signatures" ADD CONSTRAINT "deal_signatures_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exclusivities" ADD CONSTRAINT "exclusivities_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exclusivities" ADD CONSTRAINT "exclusivities_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "buyer_due_diligence" ADD CONSTRAINT "buyer_due_diligence_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "buyer_due_diligence" ADD CONSTRAINT "buyer_due_diligence_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rules the schema language cannot say ---------------------------------------------------------

-- One live offer per buyer and listing: a buyer counters within it (and two racing first offers
-- cannot both be made).
CREATE UNIQUE INDEX "offers_business_buyer_live_key" ON "offers"("business_id", "buyer_id")
  WHERE "status" IN ('AWAITING_SELLER', 'AWAITING_BUYER');
-- The live offers by open-until time, for the expiry job.
CREATE INDEX "offers_live_open_until_idx" ON "offers"("open_until")
  WHERE "status" IN ('AWAITING_SELLER', 'AWAITING_BUYER');
-- One deal in progress per listing: of two acceptances at the same moment, one wins.
CREATE UNIQUE INDEX "deals_business_in_progress_key" ON "deals"("business_id")
  WHERE "status" IN ('HEADS_OF_TERMS', 'EXCLUSIVE', 'COMPLETION_RECORDED');
-- One exclusivity in force per listing, whatever the code does.
CREATE UNIQUE INDEX "exclusivities_business_in_force_key" ON "exclusivities"("business_id")
  WHERE "ended_at" IS NULL;
-- Exclusivities in force by end, for the release job and the reminders.
CREATE INDEX "exclusivities_in_force_ends_at_idx" ON "exclusivities"("ends_at") WHERE "ended_at" IS NULL;

ALTER TABLE "offers" ADD CONSTRAINT "offers_latest_version_check" CHECK ("latest_version" >= 1);
-- A live offer has not ended; an ended one says when.
ALTER TABLE "offers" ADD CONSTRAINT "offers_ended_check"
  CHECK (("status" IN ('AWAITING_SELLER', 'AWAITING_BUYER')) = ("ended_at" IS NULL));
ALTER TABLE "offers" ADD CONSTRAINT "offers_rejection_reason_check"
  CHECK ("rejection_reason" IS NULL OR ("status" = 'REJECTED' AND length(btrim("rejection_reason")) BETWEEN 1 AND 2000));

ALTER TABLE "offer_versions" ADD CONSTRAINT "offer_versions_number_check" CHECK ("number" >= 1);
-- Money: whole pence, at most £10bn (functions/domain/offer-terms-rules.ts).
ALTER TABLE "offer_versions" ADD CONSTRAINT "offer_versions_price_check"
  CHECK ("price_pence" BETWEEN 1 AND 1000000000000);
ALTER TABLE "offer_versions" ADD CONSTRAINT "offer_versions_cash_check"
  CHECK ("cash_at_completion_pence" BETWEEN 0 AND "price_pence");
ALTER TABLE "offer_versions" ADD CONSTRAINT "offer_versions_terms_check" CHECK (jsonb_typeof("terms") = 'object');

ALTER TABLE "deals" ADD CONSTRAINT "deals_heads_of_terms_sha256_check"
  CHECK ("heads_of_terms_sha256" ~ '^[0-9a-f]{64}$');
ALTER TABLE "deals" ADD CONSTRAINT "deals_exclusivity_days_check" CHECK ("exclusivity_days" BETWEEN 1 AND 120);
ALTER TABLE "deals" ADD CONSTRAINT "deals_fell_through_check"
  CHECK (("status" = 'FELL_THROUGH') = ("fell_through_at" IS NOT NULL)
         AND ("fell_through_at" IS NULL OR length(btrim(coalesce("fell_through_reason", ''))) BETWEEN 1 AND 2000));
ALTER TABLE "deals" ADD CONSTRAINT "deals_completion_check"
  CHECK ("status" NOT IN ('COMPLETION_RECORDED', 'COMPLETED')
         OR ("completed_on" IS NOT NULL AND "completion_terms" IS NOT NULL AND "completion_recorded_at" IS NOT NULL));

ALTER TABLE "deal_signatures" ADD CONSTRAINT "deal_signatures_document_sha256_check"
  CHECK ("document_sha256" ~ '^[0-9a-f]{64}$');
ALTER TABLE "deal_signatures" ADD CONSTRAINT "deal_signatures_full_name_check"
  CHECK (length(btrim("full_name")) BETWEEN 1 AND 200);

ALTER TABLE "exclusivities" ADD CONSTRAINT "exclusivities_period_check" CHECK ("ends_at" > "starts_at");
ALTER TABLE "exclusivities" ADD CONSTRAINT "exclusivities_extension_check"
  CHECK ("extension_days" IS NULL OR ("extension_days" BETWEEN 1 AND 120 AND "extension_proposed_by" IS NOT NULL));
ALTER TABLE "exclusivities" ADD CONSTRAINT "exclusivities_ended_check" CHECK (("ended_at" IS NULL) = ("end_reason" IS NULL));
ALTER TABLE "exclusivities" ADD CONSTRAINT "exclusivities_reminder_check"
  CHECK ("last_reminder_days" IS NULL OR "last_reminder_days" IN (14, 7, 1));

ALTER TABLE "deal_comparables" ADD CONSTRAINT "deal_comparables_completed_in_check" CHECK ("completed_in" ~ '^[0-9]{4}-[0-9]{2}$');
ALTER TABLE "deal_comparables" ADD CONSTRAINT "deal_comparables_price_check" CHECK ("price_pence" > 0);

ALTER TABLE "buyer_due_diligence" ADD CONSTRAINT "buyer_due_diligence_source_of_funds_check"
  CHECK (length(btrim("source_of_funds")) BETWEEN 1 AND 4000);

-- Offer versions and signatures are evidence: once written they never change. The exceptions are
-- the signer's personal details: erasure (functions/gdpr/erase-person.ts) clears the address and
-- browser and replaces the typed name with its placeholder ('Deleted User', ERASED_NAME); key
-- rotation (functions/crypto/rotate-field-keys.ts) re-encrypts the address under a new key.
CREATE FUNCTION offer_versions_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'offer_versions rows are immutable' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER offer_versions_immutable BEFORE UPDATE ON "offer_versions"
  FOR EACH ROW EXECUTE FUNCTION offer_versions_immutable();
CREATE FUNCTION deal_signatures_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - 'ip_address' - 'user_agent' - 'full_name') = (to_jsonb(OLD) - 'ip_address' - 'user_agent' - 'full_name')
     AND (NEW.user_agent IS NULL OR NEW.user_agent = OLD.user_agent)
     AND (NEW.full_name = OLD.full_name OR NEW.full_name = 'Deleted User') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'deal_signatures rows are immutable (only erasure and key rotation change the signer''s details)'
    USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER deal_signatures_immutable BEFORE UPDATE ON "deal_signatures"
  FOR EACH ROW EXECUTE FUNCTION deal_signatures_immutable();

-- Bidder isolation in the database too: a buyer sees their own offers only; the listing's seller
-- and advisor see every offer on it; admins and system jobs see all. Versions follow their offer.
ALTER TABLE "offers" ENABLE ROW LEVEL SECURITY;
CREATE POLICY offers_parties ON "offers"
  USING (
    app_is_privileged()
    OR "offers".buyer_id = app_user_id()
    OR EXISTS (SELECT 1 FROM "businesses" b
               LEFT JOIN "advisor_profiles" a ON a.id = b.advisor_id
               WHERE b.id = "offers".business_id
                 AND (b.seller_id = app_user_id() OR a.user_id = app_user_id()))
  );
CREATE POLICY offers_analytics ON "offers" FOR SELECT TO exitmatch_readonly USING (true);
ALTER TABLE "offer_versions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY offer_versions_parties ON "offer_versions"
  USING (EXISTS (SELECT 1 FROM "offers" o WHERE o.id = "offer_versions".offer_id));
CREATE POLICY offer_versions_analytics ON "offer_versions" FOR SELECT TO exitmatch_readonly USING (true);

-- When the seller commits to one buyer (an accepted offer), every other live offer on the listing
-- is put on hold; when that deal ends without completing, they are answerable again; when it
-- completes, they are closed. The buyer who accepted a counter-offer or confirms completion cannot
-- see the others (row-level security), so these run as the table owner and return only what the
-- caller's notifications need: each other live offer and its buyer.
CREATE FUNCTION freeze_other_offers(listing uuid, kept uuid, at timestamptz)
  RETURNS TABLE (offer_id uuid, buyer_id uuid)
  LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    UPDATE "offers" SET "frozen_at" = coalesce("frozen_at", at), "updated_at" = at
    WHERE "business_id" = listing AND "id" <> kept AND "status" IN ('AWAITING_SELLER', 'AWAITING_BUYER')
    RETURNING "id", "buyer_id"
  $$;
CREATE FUNCTION thaw_offers(listing uuid, at timestamptz)
  RETURNS TABLE (offer_id uuid, buyer_id uuid)
  LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    UPDATE "offers" SET "frozen_at" = NULL, "updated_at" = at
    WHERE "business_id" = listing AND "frozen_at" IS NOT NULL
      AND "status" IN ('AWAITING_SELLER', 'AWAITING_BUYER')
    RETURNING "id", "buyer_id"
  $$;
CREATE FUNCTION close_other_offers(listing uuid, kept uuid, reason text, at timestamptz)
  RETURNS TABLE (offer_id uuid, buyer_id uuid)
  LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    UPDATE "offers" SET "status" = 'REJECTED', "rejection_reason" = reason, "ended_at" = at, "frozen_at" = NULL,
                        "updated_at" = at
    WHERE "business_id" = listing AND "id" <> kept AND "status" IN ('AWAITING_SELLER', 'AWAITING_BUYER')
    RETURNING "id", "buyer_id"
  $$;
REVOKE EXECUTE ON FUNCTION freeze_other_offers(uuid, uuid, timestamptz), thaw_offers(uuid, timestamptz),
  close_other_offers(uuid, uuid, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION freeze_other_offers(uuid, uuid, timestamptz), thaw_offers(uuid, timestamptz),
  close_other_offers(uuid, uuid, text, timestamptz) TO exitmatch_app;

-- Financial and contract records: audited and chained like every business table. The source of
-- funds and signers' details are sensitive (redacted in audit rows).
SELECT audit_table('offers', '{rejection_reason}', '{}');
SELECT audit_table('offer_versions', '{}', '{}');
SELECT audit_table('deals', '{fell_through_reason}', '{}');
SELECT audit_table('deal_signatures', '{full_name,ip_address,user_agent}', '{}');
SELECT audit_table('exclusivities', '{end_note}', '{}');
SELECT audit_table('buyer_due_diligence', '{source_of_funds}', '{}');
