-- Hand-written (created with `prisma migrate dev --create-only`): rules the Prisma schema
-- language cannot express. Prisma does not introspect these objects, so they are never
-- reported as drift and never dropped by a later generated migration.

-- Uniqueness that ignores soft-deleted rows: a deleted user's email can register again.
CREATE UNIQUE INDEX "users_email_live_key" ON "users" ("email") WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX "business_financials_year_live_key" ON "business_financials" ("business_id", "financial_year_end") WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX "inquiries_business_buyer_live_key" ON "inquiries" ("business_id", "buyer_id") WHERE deleted_at IS NULL;

-- users
ALTER TABLE "users"
  ADD CONSTRAINT "users_email_format_check" CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  ADD CONSTRAINT "users_name_not_blank_check" CHECK (length(btrim(name)) > 0);

ALTER TABLE "sessions"
  ADD CONSTRAINT "sessions_expiry_after_creation_check" CHECK (expires_at > created_at);

-- businesses: UK identifiers and exact, non-negative money
ALTER TABLE "businesses"
  -- Companies House: 8 digits, or 2 letters + 6 digits (SC, NI, OC, SO, NC, LP, SL, ...).
  ADD CONSTRAINT "businesses_company_number_format_check" CHECK (company_number ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6})$'),
  -- SIC 2007: 5 digits; legacy 4-digit codes still appear.
  ADD CONSTRAINT "businesses_sic_code_format_check" CHECK (sic_code ~ '^[0-9]{4,5}$'),
  ADD CONSTRAINT "businesses_asking_price_non_negative_check" CHECK (asking_price_pence >= 0),
  ADD CONSTRAINT "businesses_revenue_non_negative_check" CHECK (revenue_pence >= 0),
  ADD CONSTRAINT "businesses_employees_non_negative_check" CHECK (employees >= 0),
  ADD CONSTRAINT "businesses_year_established_range_check" CHECK (year_established BETWEEN 1600 AND 2200),
  ADD CONSTRAINT "businesses_view_count_non_negative_check" CHECK (view_count >= 0),
  ADD CONSTRAINT "businesses_version_positive_check" CHECK (version >= 1),
  ADD CONSTRAINT "businesses_title_not_blank_check" CHECK (length(btrim(title)) > 0);

ALTER TABLE "business_financials"
  ADD CONSTRAINT "business_financials_revenue_non_negative_check" CHECK (revenue_pence >= 0);

ALTER TABLE "valuations"
  ADD CONSTRAINT "valuations_range_ordered_check" CHECK (0 <= low_pence AND low_pence <= mid_pence AND mid_pence <= high_pence);

-- buyer profiles: SIC prefixes at any level (division 2 digits .. subclass 5), sane ranges
ALTER TABLE "buyer_profiles"
  ADD CONSTRAINT "buyer_profiles_sic_codes_format_check" CHECK (array_to_string(sic_codes, ',') ~ '^([0-9]{2,5}(,[0-9]{2,5})*)?$'),
  ADD CONSTRAINT "buyer_profiles_min_price_non_negative_check" CHECK (min_price_pence >= 0),
  ADD CONSTRAINT "buyer_profiles_price_range_ordered_check" CHECK (max_price_pence >= min_price_pence),
  ADD CONSTRAINT "buyer_profiles_min_revenue_non_negative_check" CHECK (min_revenue_pence >= 0);

ALTER TABLE "matches"
  ADD CONSTRAINT "matches_score_range_check" CHECK (score BETWEEN 0 AND 100);

-- inquiries: an NDA is accepted as a whole (version and time together), only on an accepted inquiry
ALTER TABLE "inquiries"
  ADD CONSTRAINT "inquiries_nda_complete_check" CHECK ((nda_version IS NULL) = (nda_accepted_at IS NULL)),
  ADD CONSTRAINT "inquiries_nda_only_when_accepted_check" CHECK (nda_accepted_at IS NULL OR status = 'ACCEPTED');

ALTER TABLE "documents"
  ADD CONSTRAINT "documents_size_non_negative_check" CHECK (size_bytes >= 0),
  ADD CONSTRAINT "documents_version_positive_check" CHECK (version >= 1),
  ADD CONSTRAINT "documents_sha256_format_check" CHECK (sha256 ~ '^[0-9a-f]{64}$');
