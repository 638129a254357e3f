-- Hand-written: the audit trail, kept by PostgreSQL itself so that no code path (raw SQL,
-- bulk writes, nested writes, a person with psql) can change business data unrecorded.
--
-- The app passes who is acting as transaction-local settings (set_config(name, value, true),
-- see functions/db/database-session.ts); transaction-local so they stay correct behind
-- pgbouncer in transaction mode:
--   exitmatch.user_id     the acting user's id
--   exitmatch.user_role   their role (ADMIN, SELLER, BUYER, ADVISOR)
--   exitmatch.request_id  the API request id (or a job's run id)
--   exitmatch.system      'on' for system jobs (retention, erasure) that act for no one user

-- A setting of this transaction, or NULL when unset or empty.
CREATE FUNCTION app_setting(name text) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting(name, true), '') $$;

-- The acting user's id, or NULL (anonymous, a job, or a malformed value, which never matches).
CREATE FUNCTION app_user_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN value ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                THEN value::uuid END
    FROM app_setting('exitmatch.user_id') AS value
  $$;

-- The chain's head row; every audited write locks it until commit.
INSERT INTO "audit_chain" ("id") VALUES (1);

-- What a row's hash covers: everything in it, and the previous row's hash. Timestamps as
-- epoch microseconds so the text does not depend on the session's TimeZone or DateStyle.
CREATE FUNCTION audit_log_hash(entry "audit_logs") RETURNS text
  LANGUAGE sql STABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
      entry.prev_hash,
      entry.id::text,
      entry.table_name,
      entry.row_id,
      entry.action::text,
      coalesce(array_to_string(entry.changed_columns, ','), ''),
      coalesce(entry.changes::text, 'null'),
      coalesce(entry.actor_user_id::text, ''),
      coalesce(entry.request_id, ''),
      entry.db_role,
      (extract(epoch FROM entry.occurred_at) * 1000000)::bigint::text
    ), 'UTF8')), 'hex')
  $$;

-- Chains every new audit row, however it is inserted. Runs as the owner, so the app role
-- needs no access to audit_chain. Ids are drawn under the chain lock, so id order is chain
-- order; the database role is the session's login, which the inserter cannot choose.
CREATE FUNCTION audit_logs_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  head "audit_chain";
BEGIN
  SELECT * INTO head FROM "audit_chain" WHERE id = 1 FOR UPDATE;
  NEW.id := nextval('audit_logs_id_seq');
  NEW.db_role := session_user;
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_log_hash(NEW);
  UPDATE "audit_chain" SET last_id = NEW.id, last_hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END $$;

CREATE TRIGGER audit_logs_chain BEFORE INSERT ON "audit_logs"
  FOR EACH ROW EXECUTE FUNCTION audit_logs_chain();

-- Append-only, for every role including the owner. The one way out is retention: rows older
-- than 7 years, deleted by purge_expired_audit_logs(), which sets exitmatch.audit_purge.
CREATE FUNCTION audit_logs_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('exitmatch.audit_purge', true) = 'on'
     AND OLD.occurred_at < now() - interval '7 years' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit rows are removed only by retention after 7 years (purge_expired_audit_logs).';
END $$;

CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON "audit_logs"
  FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON "audit_logs"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only();

-- Retention: deletes up to batch_size of the oldest rows, but only an unbroken prefix of the
-- chain that is all older than 7 years, and records where the chain now starts (the anchor),
-- so verification still holds. Returns how many rows went.
CREATE FUNCTION purge_expired_audit_logs(batch_size integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  cutoff timestamptz := now() - interval '7 years';
  entry record;
  last_expired record;
  purged integer;
BEGIN
  PERFORM 1 FROM "audit_chain" WHERE id = 1 FOR UPDATE;
  FOR entry IN SELECT id, occurred_at, hash FROM "audit_logs" ORDER BY id LIMIT batch_size LOOP
    EXIT WHEN entry.occurred_at >= cutoff;
    last_expired := entry;
  END LOOP;
  IF last_expired IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM set_config('exitmatch.audit_purge', 'on', true);
  DELETE FROM "audit_logs" WHERE id <= last_expired.id;
  GET DIAGNOSTICS purged = ROW_COUNT;
  PERFORM set_config('exitmatch.audit_purge', 'off', true);
  UPDATE "audit_chain" SET anchor_id = last_expired.id, anchor_hash = last_expired.hash WHERE id = 1;
  RETURN purged;
END $$;

-- Taken before an audited statement touches any row, so a transaction that holds row locks
-- on audited tables always holds the chain lock already: waits on the chain cannot deadlock
-- with waits on those rows.
CREATE FUNCTION audit_lock_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM 1 FROM "audit_chain" WHERE id = 1 FOR UPDATE;
  RETURN NULL;
END $$;

-- One audit row per changed row. Arguments: the table's sensitive columns (recorded as
-- changed, values "[redacted]"), and columns whose changes alone are not worth a row
-- (counters, last-seen times).
CREATE FUNCTION audit_row_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  sensitive text[] := coalesce(TG_ARGV[0], '{}')::text[];
  ignored text[] := coalesce(TG_ARGV[1], '{}')::text[];
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  columns text[] := '{}';
  changes jsonb := '{}';
  key text;
  old_value jsonb;
  new_value jsonb;
BEGIN
  FOR key IN SELECT jsonb_object_keys(coalesce(new_row, old_row)) LOOP
    old_value := old_row -> key;
    new_value := new_row -> key;
    IF TG_OP = 'UPDATE' THEN
      CONTINUE WHEN old_value IS NOT DISTINCT FROM new_value;
    ELSE
      CONTINUE WHEN coalesce(old_value, new_value) = 'null'::jsonb;
    END IF;
    IF key = ANY (sensitive) THEN
      IF old_value <> 'null'::jsonb THEN old_value := '"[redacted]"'; END IF;
      IF new_value <> 'null'::jsonb THEN new_value := '"[redacted]"'; END IF;
    END IF;
    columns := columns || key;
    changes := changes || jsonb_build_object(key, CASE TG_OP
      WHEN 'INSERT' THEN jsonb_build_object('new', new_value)
      WHEN 'DELETE' THEN jsonb_build_object('old', old_value)
      ELSE jsonb_build_object('old', old_value, 'new', new_value) END);
  END LOOP;
  IF TG_OP = 'UPDATE' AND (cardinality(columns) = 0 OR columns <@ ignored) THEN
    RETURN NULL;
  END IF;
  INSERT INTO "audit_logs" (table_name, row_id, action, changed_columns, changes, actor_user_id, request_id)
  VALUES (TG_TABLE_NAME, coalesce(new_row, old_row) ->> 'id', TG_OP::"AuditAction", columns, changes,
          app_user_id(), app_setting('exitmatch.request_id'));
  RETURN NULL;
END $$;

-- The audited tables: all business data. Not audited, and why: sessions, user_tokens and
-- idempotency_keys (authentication state and cached responses, not business data),
-- activity_logs, audit_logs, audit_chain and retention_runs (logs themselves), matches
-- (derived; recomputed from profiles and listings, which are audited).
-- functions/db/audited-tables.ts lists the same tables; a test keeps the two in step.
CREATE FUNCTION audit_table(target regclass, sensitive text[], ignored text[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER audit_lock_chain BEFORE INSERT OR UPDATE OR DELETE ON %s '
                 'FOR EACH STATEMENT EXECUTE FUNCTION audit_lock_chain()', target);
  EXECUTE format('CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON %s '
                 'FOR EACH ROW EXECUTE FUNCTION audit_row_change(%L, %L)', target, sensitive, ignored);
END $$;

SELECT audit_table('users', '{email,name,phone,phone_blind_index,image,password_hash}', '{last_login_at}');
SELECT audit_table('buyer_profiles', '{headline}', '{}');
SELECT audit_table('advisor_profiles', '{bio,aml_registration_number}', '{}');
SELECT audit_table('businesses', '{}', '{view_count}');
SELECT audit_table('business_financials', '{}', '{}');
SELECT audit_table('valuations', '{}', '{}');
SELECT audit_table('inquiries', '{message,nda_accepted_ip}', '{}');
SELECT audit_table('deal_rooms', '{}', '{}');
SELECT audit_table('deal_room_members', '{}', '{}');
SELECT audit_table('documents', '{file_name}', '{}');
SELECT audit_table('deal_room_questions', '{body,answer}', '{}');
