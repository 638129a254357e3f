-- Hand-written: activity rows (signed-in listing views and searches, logins, document views) are
-- written without the chain lock and chained afterwards by a sealer, as audit rows are (migration
-- audit_chain_sealed_in_batches). Each insert used to lock the chain head until its transaction
-- committed, so every signed-in view and search on the platform queued behind every other.
--
-- A row is written with its personal digest (fresh salt, as before) and no place in the chain
-- (chain_position, prev_hash and hash empty). seal_activity_logs(), called about every second
-- with the audit sealer (functions/runtime/audit-sealer.ts, functions/jobs/audit-seal-handler.ts),
-- chains the committed rows in batches: the next chain position, the previous hash, its own hash
-- (activity_log_hash(), unchanged). Rows chained before this migration keep their hashes; they
-- were chained in id order, so their position is their id and `npm run audit:verify` checks old
-- and new rows as one chain. activity_chain.last_id is now the last chain position.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '10min';

ALTER TABLE "activity_logs" ADD COLUMN "chain_position" BIGINT;

-- The rows chained so far: position = id. The append-only trigger is paused for this one update,
-- inside this transaction (the ALTER holds the table exclusively until commit).
ALTER TABLE "activity_logs" DISABLE TRIGGER activity_logs_append_only;
UPDATE "activity_logs" SET "chain_position" = "id";
ALTER TABLE "activity_logs" ENABLE TRIGGER activity_logs_append_only;

CREATE UNIQUE INDEX "activity_logs_chain_position_key" ON "activity_logs"("chain_position");
-- The rows waiting for the sealer, oldest first (see migration audit_logs_unsealed_index).
CREATE INDEX "activity_logs_unsealed_idx" ON "activity_logs" ("id") WHERE chain_position IS NULL;

-- No more chain lock in writers.
DROP TRIGGER activity_chain_record_head ON "activity_logs";
DROP FUNCTION activity_chain_record_head();

-- Stamps every new row, however it is inserted: its id, its salt and digest; no place in the
-- chain yet. No lock: the row waits for the sealer.
CREATE OR REPLACE FUNCTION activity_logs_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  NEW.id := nextval('activity_logs_id_seq');
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.anonymized_at := NULL;
  NEW.personal_salt := replace(gen_random_uuid()::text, '-', '');
  NEW.personal_digest := activity_personal_digest(NEW);
  NEW.chain_position := NULL;
  NEW.prev_hash := '';
  NEW.hash := '';
  RETURN NEW;
END $$;

-- Chains up to max_rows unsealed rows, oldest id first, after the chain's head; returns how many.
-- One sealer at a time: a second one returns 0 at once rather than queue. Runs as the owner; its
-- one kind of update is let through by activity_logs_append_only. Bitmap scans off: the ordered
-- index scan marks the entries of rows already sealed as dead (migration
-- audit_cheaper_writes_and_seals).
CREATE FUNCTION seal_activity_logs(max_rows integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT SET enable_bitmapscan = off AS $$
DECLARE
  head "activity_chain";
  entry "activity_logs";
  sealed integer := 0;
BEGIN
  SELECT * INTO head FROM "activity_chain" WHERE id = 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;
  PERFORM set_config('exitmatch.activity_seal', 'on', true);
  FOR entry IN SELECT * FROM "activity_logs" WHERE chain_position IS NULL ORDER BY id LIMIT max_rows LOOP
    entry.chain_position := head.last_id + 1;
    entry.prev_hash := head.last_hash;
    entry.hash := activity_log_hash(entry);
    UPDATE "activity_logs"
      SET chain_position = entry.chain_position, prev_hash = entry.prev_hash, hash = entry.hash
      WHERE id = entry.id;
    head.last_id := entry.chain_position;
    head.last_hash := entry.hash;
    sealed := sealed + 1;
  END LOOP;
  PERFORM set_config('exitmatch.activity_seal', 'off', true);
  IF sealed > 0 THEN
    UPDATE "activity_chain" SET last_id = head.last_id, last_hash = head.last_hash WHERE id = 1;
  END IF;
  RETURN sealed;
END $$;

-- Append-only. Three changes are let through:
--  - the sealer filling in an unsealed row's place in the chain, and nothing else of the row
--    (the new row must equal the old one with those three columns set, byte for byte);
--  - inside anonymise_activity(): the personal fields to NULL, the salt forgotten, the row
--    marked anonymised; its core fields, digest and place in the chain unchanged;
--  - the foreign key setting user_id to NULL once the person's account is gone, for rows already
--    anonymised (an account is erased before it is deleted; deleting one that was not is refused).
CREATE OR REPLACE FUNCTION activity_logs_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  sealed_as_allowed "activity_logs";
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('exitmatch.activity_seal', true) = 'on'
     AND OLD.chain_position IS NULL AND NEW.chain_position IS NOT NULL THEN
    sealed_as_allowed := OLD;
    sealed_as_allowed.chain_position := NEW.chain_position;
    sealed_as_allowed.prev_hash := NEW.prev_hash;
    sealed_as_allowed.hash := NEW.hash;
    IF NEW *= sealed_as_allowed THEN
      RETURN NEW;
    END IF;
  END IF;
  IF TG_OP = 'UPDATE'
     AND (NEW.id, NEW.occurred_at, NEW.action, NEW.entity_type, NEW.security_flag, NEW.personal_digest,
          NEW.chain_position, NEW.prev_hash, NEW.hash)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.occurred_at, OLD.action, OLD.entity_type, OLD.security_flag, OLD.personal_digest,
          OLD.chain_position, OLD.prev_hash, OLD.hash) THEN
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

REVOKE EXECUTE ON FUNCTION seal_activity_logs(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION seal_activity_logs(integer) TO exitmatch_app;
