-- CreateEnum
CREATE TYPE "BusinessStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'UNDER_OFFER', 'SOLD', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "PremisesTenure" AS ENUM ('FREEHOLD', 'LEASEHOLD', 'HOME_BASED', 'NO_PREMISES');

-- CreateEnum
CREATE TYPE "UkRegion" AS ENUM ('NORTH_EAST', 'NORTH_WEST', 'YORKSHIRE_AND_THE_HUMBER', 'EAST_MIDLANDS', 'WEST_MIDLANDS', 'EAST_OF_ENGLAND', 'LONDON', 'SOUTH_EAST', 'SOUTH_WEST', 'WALES', 'SCOTLAND', 'NORTHERN_IRELAND');

-- CreateEnum
CREATE TYPE "FinancialSource" AS ENUM ('SELLER_STATED', 'ACCOUNTANT_PREPARED', 'FILED_ACCOUNTS');

-- CreateEnum
CREATE TYPE "ValuationMethod" AS ENUM ('SDE_MULTIPLE', 'EBITDA_MULTIPLE', 'REVENUE_MULTIPLE', 'ASSET_BASED', 'DISCOUNTED_CASH_FLOW');

-- CreateEnum
CREATE TYPE "InquiryStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "DealStage" AS ENUM ('NDA_SIGNED', 'INFORMATION_MEMORANDUM', 'DUE_DILIGENCE', 'OFFER', 'COMPLETION');

-- CreateEnum
CREATE TYPE "DealRoomStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "DealRoomRole" AS ENUM ('OWNER', 'BUYER', 'ADVISOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('INSERT', 'UPDATE', 'DELETE');

-- CreateEnum
CREATE TYPE "FundingSource" AS ENUM ('CASH', 'BANK_DEBT', 'PRIVATE_EQUITY', 'SBA_OR_GOVERNMENT', 'MIXED');

-- CreateEnum
CREATE TYPE "AdvisorType" AS ENUM ('BUSINESS_BROKER', 'ACCOUNTANT', 'M_AND_A_ADVISER', 'SOLICITOR');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('ADMIN', 'SELLER', 'BUYER', 'ADVISOR');

-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "UserTokenPurpose" AS ENUM ('EMAIL_VERIFICATION', 'PASSWORD_RESET');

-- CreateTable
CREATE TABLE "businesses" (
    "id" UUID NOT NULL,
    "seller_id" UUID NOT NULL,
    "advisor_id" UUID,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "trading_name" TEXT,
    "company_number" TEXT,
    "sic_code" TEXT NOT NULL,
    "region" "UkRegion" NOT NULL,
    "town" TEXT,
    "postcode" TEXT,
    "asking_price_pence" BIGINT NOT NULL,
    "revenue_pence" BIGINT,
    "ebitda_pence" BIGINT,
    "sde_pence" BIGINT,
    "employees" INTEGER,
    "year_established" INTEGER,
    "premises_tenure" "PremisesTenure" NOT NULL,
    "is_confidential" BOOLEAN NOT NULL DEFAULT true,
    "reason_for_sale" TEXT,
    "status" "BusinessStatus" NOT NULL DEFAULT 'DRAFT',
    "published_at" TIMESTAMPTZ(3),
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "view_count" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "businesses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_financials" (
    "id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "entered_by_id" UUID NOT NULL,
    "financial_year_end" DATE NOT NULL,
    "revenue_pence" BIGINT NOT NULL,
    "gross_profit_pence" BIGINT,
    "ebitda_pence" BIGINT,
    "net_profit_pence" BIGINT,
    "sde_pence" BIGINT,
    "source" "FinancialSource" NOT NULL DEFAULT 'SELLER_STATED',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "business_financials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "valuations" (
    "id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "created_by_id" UUID NOT NULL,
    "method" "ValuationMethod" NOT NULL,
    "inputs" JSONB NOT NULL,
    "low_pence" BIGINT NOT NULL,
    "mid_pence" BIGINT NOT NULL,
    "high_pence" BIGINT NOT NULL,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "valuations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inquiries" (
    "id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "buyer_id" UUID NOT NULL,
    "message" TEXT NOT NULL,
    "status" "InquiryStatus" NOT NULL DEFAULT 'PENDING',
    "responded_at" TIMESTAMPTZ(3),
    "nda_version" TEXT,
    "nda_accepted_at" TIMESTAMPTZ(3),
    "nda_accepted_ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "inquiries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deal_rooms" (
    "id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "inquiry_id" UUID,
    "name" TEXT NOT NULL,
    "status" "DealRoomStatus" NOT NULL DEFAULT 'OPEN',
    "stage" "DealStage" NOT NULL DEFAULT 'NDA_SIGNED',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "deal_rooms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deal_room_members" (
    "id" UUID NOT NULL,
    "deal_room_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "DealRoomRole" NOT NULL,
    "added_by_id" UUID,
    "access_expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deal_room_members_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "deal_room_id" UUID,
    "uploaded_by_id" UUID NOT NULL,
    "previous_version_id" UUID,
    "folder" TEXT NOT NULL DEFAULT '/',
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" BIGSERIAL NOT NULL,
    "table_name" TEXT NOT NULL,
    "row_id" TEXT NOT NULL,
    "action" "AuditAction" NOT NULL,
    "changes" JSONB,
    "actor_user_id" UUID,
    "request_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activity_logs" (
    "id" BIGSERIAL NOT NULL,
    "user_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT,
    "entity_id" TEXT,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "metadata" JSONB,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "buyer_profiles" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "headline" TEXT NOT NULL,
    "sic_codes" TEXT[],
    "regions" "UkRegion"[],
    "min_price_pence" BIGINT,
    "max_price_pence" BIGINT,
    "min_revenue_pence" BIGINT,
    "min_ebitda_pence" BIGINT,
    "funding_source" "FundingSource",
    "proof_of_funds_verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "buyer_profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "advisor_profiles" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "firm_name" TEXT NOT NULL,
    "advisor_type" "AdvisorType" NOT NULL,
    "aml_supervisor" TEXT,
    "aml_registration_number" TEXT,
    "bio" TEXT,
    "regions" "UkRegion"[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "advisor_profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "matches" (
    "id" UUID NOT NULL,
    "buyer_profile_id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "breakdown" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "matches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "image" TEXT,
    "role" "UserRole" NOT NULL,
    "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "password_hash" TEXT,
    "email_verified_at" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "family_id" UUID NOT NULL,
    "refresh_token_hash" TEXT NOT NULL,
    "user_agent" TEXT,
    "ip_address" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "purpose" "UserTokenPurpose" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "businesses_seller_id_idx" ON "businesses"("seller_id");

-- CreateIndex
CREATE INDEX "businesses_advisor_id_idx" ON "businesses"("advisor_id");

-- CreateIndex
CREATE INDEX "businesses_status_region_asking_price_pence_idx" ON "businesses"("status", "region", "asking_price_pence");

-- CreateIndex
CREATE INDEX "businesses_status_sic_code_idx" ON "businesses"("status", "sic_code");

-- CreateIndex
CREATE INDEX "businesses_status_asking_price_pence_idx" ON "businesses"("status", "asking_price_pence");

-- CreateIndex
CREATE INDEX "businesses_status_revenue_pence_idx" ON "businesses"("status", "revenue_pence");

-- CreateIndex
CREATE INDEX "businesses_status_ebitda_pence_idx" ON "businesses"("status", "ebitda_pence");

-- CreateIndex
CREATE INDEX "businesses_sic_code_idx" ON "businesses"("sic_code");

-- CreateIndex
CREATE INDEX "businesses_company_number_idx" ON "businesses"("company_number");

-- CreateIndex
CREATE INDEX "businesses_last_activity_at_idx" ON "businesses"("last_activity_at");

-- CreateIndex
CREATE INDEX "businesses_deleted_at_idx" ON "businesses"("deleted_at");

-- CreateIndex
CREATE INDEX "business_financials_business_id_idx" ON "business_financials"("business_id");

-- CreateIndex
CREATE INDEX "business_financials_entered_by_id_idx" ON "business_financials"("entered_by_id");

-- CreateIndex
CREATE INDEX "business_financials_financial_year_end_idx" ON "business_financials"("financial_year_end");

-- CreateIndex
CREATE INDEX "business_financials_deleted_at_idx" ON "business_financials"("deleted_at");

-- CreateIndex
CREATE INDEX "valuations_business_id_created_at_idx" ON "valuations"("business_id", "created_at");

-- CreateIndex
CREATE INDEX "valuations_created_by_id_idx" ON "valuations"("created_by_id");

-- CreateIndex
CREATE INDEX "valuations_deleted_at_idx" ON "valuations"("deleted_at");

-- CreateIndex
CREATE INDEX "inquiries_business_id_status_idx" ON "inquiries"("business_id", "status");

-- CreateIndex
CREATE INDEX "inquiries_buyer_id_status_idx" ON "inquiries"("buyer_id", "status");

-- CreateIndex
CREATE INDEX "inquiries_deleted_at_idx" ON "inquiries"("deleted_at");

-- CreateIndex
CREATE UNIQUE INDEX "deal_rooms_inquiry_id_key" ON "deal_rooms"("inquiry_id");

-- CreateIndex
CREATE INDEX "deal_rooms_business_id_status_idx" ON "deal_rooms"("business_id", "status");

-- CreateIndex
CREATE INDEX "deal_rooms_deleted_at_idx" ON "deal_rooms"("deleted_at");

-- CreateIndex
CREATE INDEX "deal_room_members_user_id_idx" ON "deal_room_members"("user_id");

-- CreateIndex
CREATE INDEX "deal_room_members_added_by_id_idx" ON "deal_room_members"("added_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "deal_room_members_deal_room_id_user_id_key" ON "deal_room_members"("deal_room_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "documents_previous_version_id_key" ON "documents"("previous_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "documents_storage_key_key" ON "documents"("storage_key");

-- CreateIndex
CREATE INDEX "documents_business_id_idx" ON "documents"("business_id");

-- CreateIndex
CREATE INDEX "documents_deal_room_id_folder_idx" ON "documents"("deal_room_id", "folder");

-- CreateIndex
CREATE INDEX "documents_uploaded_by_id_idx" ON "documents"("uploaded_by_id");

-- CreateIndex
CREATE INDEX "documents_deleted_at_idx" ON "documents"("deleted_at");

-- CreateIndex
CREATE INDEX "audit_logs_table_name_row_id_idx" ON "audit_logs"("table_name", "row_id");

-- CreateIndex
CREATE INDEX "audit_logs_actor_user_id_idx" ON "audit_logs"("actor_user_id");

-- CreateIndex
CREATE INDEX "audit_logs_occurred_at_idx" ON "audit_logs"("occurred_at");

-- CreateIndex
CREATE INDEX "activity_logs_user_id_occurred_at_idx" ON "activity_logs"("user_id", "occurred_at");

-- CreateIndex
CREATE INDEX "activity_logs_action_occurred_at_idx" ON "activity_logs"("action", "occurred_at");

-- CreateIndex
CREATE INDEX "activity_logs_entity_type_entity_id_idx" ON "activity_logs"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "activity_logs_occurred_at_idx" ON "activity_logs"("occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "buyer_profiles_user_id_key" ON "buyer_profiles"("user_id");

-- CreateIndex
CREATE INDEX "buyer_profiles_sic_codes_idx" ON "buyer_profiles" USING GIN ("sic_codes");

-- CreateIndex
CREATE INDEX "buyer_profiles_regions_idx" ON "buyer_profiles" USING GIN ("regions");

-- CreateIndex
CREATE INDEX "buyer_profiles_min_price_pence_max_price_pence_idx" ON "buyer_profiles"("min_price_pence", "max_price_pence");

-- CreateIndex
CREATE INDEX "buyer_profiles_deleted_at_idx" ON "buyer_profiles"("deleted_at");

-- CreateIndex
CREATE UNIQUE INDEX "advisor_profiles_user_id_key" ON "advisor_profiles"("user_id");

-- CreateIndex
CREATE INDEX "advisor_profiles_advisor_type_idx" ON "advisor_profiles"("advisor_type");

-- CreateIndex
CREATE INDEX "advisor_profiles_deleted_at_idx" ON "advisor_profiles"("deleted_at");

-- CreateIndex
CREATE INDEX "matches_business_id_score_idx" ON "matches"("business_id", "score");

-- CreateIndex
CREATE INDEX "matches_buyer_profile_id_score_idx" ON "matches"("buyer_profile_id", "score");

-- CreateIndex
CREATE UNIQUE INDEX "matches_buyer_profile_id_business_id_key" ON "matches"("buyer_profile_id", "business_id");

-- CreateIndex
CREATE INDEX "users_role_status_idx" ON "users"("role", "status");

-- CreateIndex
CREATE INDEX "users_created_at_idx" ON "users"("created_at");

-- CreateIndex
CREATE INDEX "users_deleted_at_idx" ON "users"("deleted_at");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_refresh_token_hash_key" ON "sessions"("refresh_token_hash");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "sessions_family_id_idx" ON "sessions"("family_id");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "user_tokens_token_hash_key" ON "user_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "user_tokens_user_id_purpose_idx" ON "user_tokens"("user_id", "purpose");

-- CreateIndex
CREATE INDEX "user_tokens_expires_at_idx" ON "user_tokens"("expires_at");

-- AddForeignKey
ALTER TABLE "businesses" ADD CONSTRAINT "businesses_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "businesses" ADD CONSTRAINT "businesses_advisor_id_fkey" FOREIGN KEY ("advisor_id") REFERENCES "advisor_profiles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "business_financials" ADD CONSTRAINT "business_financials_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "business_financials" ADD CONSTRAINT "business_financials_entered_by_id_fkey" FOREIGN KEY ("entered_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "valuations" ADD CONSTRAINT "valuations_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "valuations" ADD CONSTRAINT "valuations_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_rooms" ADD CONSTRAINT "deal_rooms_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_rooms" ADD CONSTRAINT "deal_rooms_inquiry_id_fkey" FOREIGN KEY ("inquiry_id") REFERENCES "inquiries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_room_members" ADD CONSTRAINT "deal_room_members_deal_room_id_fkey" FOREIGN KEY ("deal_room_id") REFERENCES "deal_rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_room_members" ADD CONSTRAINT "deal_room_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_room_members" ADD CONSTRAINT "deal_room_members_added_by_id_fkey" FOREIGN KEY ("added_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_deal_room_id_fkey" FOREIGN KEY ("deal_room_id") REFERENCES "deal_rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_previous_version_id_fkey" FOREIGN KEY ("previous_version_id") REFERENCES "documents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity_logs" ADD CONSTRAINT "activity_logs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "buyer_profiles" ADD CONSTRAINT "buyer_profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "advisor_profiles" ADD CONSTRAINT "advisor_profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matches" ADD CONSTRAINT "matches_buyer_profile_id_fkey" FOREIGN KEY ("buyer_profile_id") REFERENCES "buyer_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matches" ADD CONSTRAINT "matches_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
