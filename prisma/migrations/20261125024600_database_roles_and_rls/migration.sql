-- Hand-written: database roles and row-level security.
--
-- Roles (cluster-wide group roles; login users are made members of them, see
-- docs/data-lifecycle.md and functions/db/database-roles.ts):
--   the migrator        whoever runs `prisma migrate deploy` (DIRECT_URL): owns every object.
--   exitmatch_app       the API and jobs (DATABASE_URL): reads and writes data, no DDL, no
--                       BYPASSRLS; may only append to audit_logs.
--   exitmatch_readonly  analytics and read replicas (DATABASE_REPLICA_URL): SELECT only, and
--                       not on authentication secrets.
DO $$
BEGIN
  BEGIN
    CREATE ROLE exitmatch_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database made it
  END;
  BEGIN
    CREATE ROLE exitmatch_readonly NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
END $$;

DO $$
DECLARE
  target text := current_schema();
BEGIN
  EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', target);
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO exitmatch_app, exitmatch_readonly', target);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO exitmatch_app', target);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO exitmatch_app', target);
  EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO exitmatch_readonly', target);
  -- Tables later migrations create get the same grants.
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO exitmatch_app', target);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO exitmatch_app', target);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO exitmatch_readonly', target);
END $$;

-- The audit trail: the app appends and reads; only retention's function removes old rows.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_logs" FROM exitmatch_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "audit_chain" FROM exitmatch_app;
REVOKE EXECUTE ON FUNCTION purge_expired_audit_logs(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_expired_audit_logs(integer) TO exitmatch_app;
-- Migration history: readable (readiness checks it), never writable by the app. (Absent when
-- Prisma replays migrations into a shadow database.)
DO $$
BEGIN
  IF to_regclass('_prisma_migrations') IS NOT NULL THEN
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM exitmatch_app;
  END IF;
END $$;
-- Analytics never needs credentials or cached responses.
REVOKE SELECT ON "sessions", "user_tokens", "idempotency_keys" FROM exitmatch_readonly;

-- Row-level security, driven by the transaction-local settings described in the audit_trail
-- migration. The owner (migrator) is exempt, as PostgreSQL makes table owners; the app role
-- is not and cannot be.
CREATE FUNCTION app_is_privileged() RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT coalesce(app_setting('exitmatch.system') = 'on', false)
        OR coalesce(app_setting('exitmatch.user_role') = 'ADMIN', false)
  $$;

-- Deal-room documents: the listing's seller and active (not revoked, not expired) members of
-- the document's deal room.
ALTER TABLE "documents" ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_people_in_the_deal ON "documents"
  USING (
    app_is_privileged()
    OR EXISTS (SELECT 1 FROM "businesses" b
               WHERE b.id = "documents".business_id AND b.seller_id = app_user_id())
    OR EXISTS (SELECT 1 FROM "deal_room_members" m
               WHERE m.deal_room_id = "documents".deal_room_id
                 AND m.user_id = app_user_id()
                 AND m.revoked_at IS NULL
                 AND (m.access_expires_at IS NULL OR m.access_expires_at > now()))
  );
CREATE POLICY documents_analytics ON "documents" FOR SELECT TO exitmatch_readonly USING (true);

-- Financials: the listing's seller and advisor may read and write; a buyer whose inquiry was
-- accepted with a signed NDA may read.
ALTER TABLE "business_financials" ENABLE ROW LEVEL SECURITY;
CREATE POLICY business_financials_managers ON "business_financials"
  USING (
    app_is_privileged()
    OR EXISTS (SELECT 1 FROM "businesses" b
               LEFT JOIN "advisor_profiles" a ON a.id = b.advisor_id
               WHERE b.id = "business_financials".business_id
                 AND (b.seller_id = app_user_id() OR a.user_id = app_user_id()))
  );
CREATE POLICY business_financials_nda_buyers ON "business_financials" FOR SELECT
  USING (
    EXISTS (SELECT 1 FROM "inquiries" i
            WHERE i.business_id = "business_financials".business_id
              AND i.buyer_id = app_user_id()
              AND i.status = 'ACCEPTED'
              AND i.nda_accepted_at IS NOT NULL
              AND i.deleted_at IS NULL)
  );
CREATE POLICY business_financials_analytics ON "business_financials" FOR SELECT TO exitmatch_readonly USING (true);
