-- Hand-written: the activity log (views, downloads, logins, searches) becomes append-only and
-- hash-chained, as the audit log is, so nobody (a seller erasing who saw their documents, the
-- application itself) can change or remove the record unnoticed.
--
-- - The application role can only INSERT; UPDATE, DELETE and TRUNCATE are refused to every role
--   by triggers, except two narrow, deliberate changes:
--     anonymise_activity(user, email): GDPR erasure nulls a person's personal fields (itself
--     recorded in the audit log);
--     the foreign key's ON DELETE SET NULL, when an erased (anonymised) person's account is deleted.
-- - A second hash chain (activity_chain), built like the audit chain (migration
--   audit_chain_head_per_transaction): each row links to the one before it. A row's hash covers
--   its core fields and a digest of its personal fields with a random salt. Anonymising nulls
--   the personal fields and forgets the salt but keeps the digest, so the chain still verifies
--   and the digest can no longer be matched to a guessed address.
--   `npm run audit:verify` checks both chains (functions/audit/verify-chains.ts).

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '10min';

ALTER TABLE "activity_logs" ADD COLUMN "anonymized_at" TIMESTAMPTZ(3),
ADD COLUMN "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN "personal_digest" TEXT NOT NULL DEFAULT '',
ADD COLUMN "personal_salt" TEXT,
ADD COLUMN "prev_hash" TEXT NOT NULL DEFAULT '';

CREATE TABLE "activity_chain" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_id" BIGINT NOT NULL DEFAULT 0,
    "last_hash" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "activity_chain_pkey" PRIMARY KEY ("id")
);
INSERT INTO "activity_chain" ("id") VALUES (1);

-- The digest of a row's personal fields, salted. Timestamps never appear here; JSON as its
-- canonical jsonb text.
CREATE FUNCTION activity_personal_digest(entry "activity_logs") RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
      coalesce(entry.personal_salt, ''),
      coalesce(entry.user_id::text, ''),
      coalesce(entry.entity_id, ''),
      coalesce(entry.ip_address, ''),
      coalesce(entry.user_agent, ''),
      coalesce(entry.metadata::text, 'null')
    ), 'UTF8')), 'hex')
  $$;

-- What a row's hash covers: its core fields, the digest of its personal fields, the previous
-- row's hash. Time as epoch microseconds (independent of TimeZone and DateStyle).
CREATE FUNCTION activity_log_hash(entry "activity_logs") RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
      entry.prev_hash,
      entry.id::text,
      (extract(epoch FROM entry.occurred_at) * 1000000)::bigint::text,
      entry.action,
      coalesce(entry.entity_type, ''),
      coalesce(entry.security_flag, ''),
      entry.personal_digest
    ), 'UTF8')), 'hex')
  $$;

-- Chain the rows already there, in id order.
DO $$
DECLARE
  entry "activity_logs";
  previous text := '';
  last bigint := 0;
BEGIN
  FOR entry IN SELECT * FROM "activity_logs" ORDER BY id FOR UPDATE LOOP
    entry.personal_salt := replace(gen_random_uuid()::text, '-', '');
    entry.personal_digest := activity_personal_digest(entry);
    entry.prev_hash := previous;
    entry.hash := activity_log_hash(entry);
    UPDATE "activity_logs"
      SET personal_salt = entry.personal_salt, personal_digest = entry.personal_digest,
          prev_hash = entry.prev_hash, hash = entry.hash
      WHERE id = entry.id;
    previous := entry.hash;
    last := entry.id;
  END LOOP;
  UPDATE "activity_chain" SET last_id = last, last_hash = previous WHERE id = 1;
END $$;

-- Chains every new row, however it is inserted, under the chain lock (ids drawn under it, so
-- id order is chain order). Personal fields get a fresh salt and their digest.
CREATE FUNCTION activity_logs_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  head "activity_chain";
  previous_hash text;
BEGIN
  SELECT * INTO head FROM "activity_chain" WHERE id = 1 FOR UPDATE;
  SELECT hash INTO previous_hash FROM "activity_logs" WHERE id > head.last_id ORDER BY id DESC LIMIT 1;
  NEW.id := nextval('activity_logs_id_seq');
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.anonymized_at := NULL;
  NEW.personal_salt := replace(gen_random_uuid()::text, '-', '');
  NEW.personal_digest := activity_personal_digest(NEW);
  NEW.prev_hash := coalesce(previous_hash, head.last_hash);
  NEW.hash := activity_log_hash(NEW);
  RETURN NEW;
END $$;

CREATE TRIGGER activity_logs_chain BEFORE INSERT ON "activity_logs"
  FOR EACH ROW EXECUTE FUNCTION activity_logs_chain();

-- Moves the head to this transaction's newest row, once, at commit.
CREATE FUNCTION activity_chain_record_head() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  newest "activity_logs";
BEGIN
  SELECT * INTO newest FROM "activity_logs" ORDER BY id DESC LIMIT 1;
  UPDATE "activity_chain" SET last_id = newest.id, last_hash = newest.hash
  WHERE id = 1 AND last_id < newest.id;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER activity_chain_record_head AFTER INSERT ON "activity_logs"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION activity_chain_record_head();

-- Append-only. The two changes that are let through:
--  - inside anonymise_activity(): the personal fields to NULL, the salt forgotten, the row
--    marked anonymised; its core fields, digest and hashes unchanged;
--  - the foreign key setting user_id to NULL once the person's account is gone, for rows already
--    anonymised (an account is erased before it is deleted; deleting one that was not is refused).
CREATE FUNCTION activity_logs_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (NEW.id, NEW.occurred_at, NEW.action, NEW.entity_type, NEW.security_flag, NEW.personal_digest,
          NEW.prev_hash, NEW.hash)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.occurred_at, OLD.action, OLD.entity_type, OLD.security_flag, OLD.personal_digest,
          OLD.prev_hash, OLD.hash) THEN
    IF current_setting('exitmatch.activity_anonymise', true) = 'on'
       AND NEW.ip_address IS NULL AND NEW.user_agent IS NULL AND NEW.metadata IS NULL
       AND NEW.personal_salt IS NULL AND NEW.anonymized_at IS NOT NULL THEN
      RETURN NEW;
    END IF;
    IF NEW.user_id IS NULL AND OLD.user_id IS NOT NULL
       AND (NEW.entity_id, NEW.ip_address, NEW.user_agent, NEW.metadata, NEW.personal_salt, NEW.anonymized_at)
           IS NOT DISTINCT FROM
           (OLD.entity_id, OLD.ip_address, OLD.user_agent, OLD.metadata, OLD.personal_salt, OLD.anonymized_at)
       AND OLD.anonymized_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "users" WHERE id = OLD.user_id) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'activity_logs is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'A person''s activity is anonymised only by anonymise_activity() (GDPR erasure).';
END $$;

CREATE TRIGGER activity_logs_append_only BEFORE UPDATE OR DELETE ON "activity_logs"
  FOR EACH ROW EXECUTE FUNCTION activity_logs_append_only();
CREATE TRIGGER activity_logs_no_truncate BEFORE TRUNCATE ON "activity_logs"
  FOR EACH STATEMENT EXECUTE FUNCTION activity_logs_append_only();

-- GDPR erasure of a person's activity: their rows, and the failed logins that named them by
-- e-mail address. Records what it did in the audit log. Returns how many rows it anonymised.
CREATE FUNCTION anonymise_activity(person uuid, email text) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  changed integer;
BEGIN
  PERFORM set_config('exitmatch.activity_anonymise', 'on', true);
  UPDATE "activity_logs"
    SET ip_address = NULL, user_agent = NULL, metadata = NULL, personal_salt = NULL,
        entity_id = CASE WHEN entity_type = 'email' THEN NULL ELSE entity_id END,
        anonymized_at = now()
    WHERE anonymized_at IS NULL
      AND (user_id = person OR (email IS NOT NULL AND entity_type = 'email' AND entity_id = email));
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('exitmatch.activity_anonymise', 'off', true);
  IF changed > 0 THEN
    INSERT INTO "audit_logs" (table_name, row_id, action, changed_columns, changes, actor_user_id, request_id)
    VALUES ('activity_logs', person::text, 'UPDATE',
            ARRAY['entity_id', 'ip_address', 'user_agent', 'metadata', 'anonymized_at'],
            jsonb_build_object('anonymised_rows', changed),
            app_user_id(), app_setting('exitmatch.request_id'));
  END IF;
  RETURN changed;
END $$;

REVOKE UPDATE, DELETE, TRUNCATE ON "activity_logs" FROM exitmatch_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "activity_chain" FROM exitmatch_app;
REVOKE EXECUTE ON FUNCTION anonymise_activity(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION anonymise_activity(uuid, text) TO exitmatch_app;
