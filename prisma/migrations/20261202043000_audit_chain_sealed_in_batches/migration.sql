-- Hand-written: audited writers no longer wait on each other. Until now every audited statement
-- took the chain's one lock (audit_chain, FOR UPDATE) and held it to commit, so the whole
-- platform's writes ran one transaction at a time (bench:audit: 0.23x of unaudited writes with 4
-- clients), and a retention batch holding it for a second stalled every API write for that second.
--
-- Now a change's audit row is written at once, without any shared lock, and left unsealed
-- (chain_position, prev_hash and hash empty). A sealer (seal_audit_logs(), called about every
-- second: functions/audit/seal-audit-chain.ts) chains the rows it can see in batches: each gets the
-- next chain position, the previous position's hash and its own hash, as certificate-transparency
-- logs seal entries under periodic tree heads. It can see only committed rows, so the chain's
-- order is the order in which transactions became visible (commit order, at the granularity of a
-- batch; id order within one), and a row can never be placed before one already sealed: a
-- transaction still running when a batch is sealed lands in a later batch. Unlike sealing only
-- below pg_snapshot_xmin, one long transaction does not hold back the sealing of everyone
-- else's rows. Nothing is lost: triggers still write every change's row (raw SQL included), and
-- an unsealed row cannot be updated or deleted either (audit_logs_append_only).
--
-- Rows chained before this migration keep their hashes; they were chained in id order, so their
-- chain position is their id and `npm run audit:verify` checks old and new rows as one chain.
-- The hash a row gets (audit_log_hash) is unchanged: it covers the row and the previous hash, and
-- verification walks chain positions, so a reordered, removed or inserted row breaks a link.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '10min';

ALTER TABLE "audit_chain" ADD COLUMN "sealed_at" TIMESTAMPTZ(3);
ALTER TABLE "audit_logs" ADD COLUMN "chain_position" BIGINT;

-- The rows chained so far: position = id. The append-only trigger is paused for this one update,
-- inside this transaction (the ALTER holds the table exclusively until commit).
ALTER TABLE "audit_logs" DISABLE TRIGGER audit_logs_append_only;
UPDATE "audit_logs" SET "chain_position" = "id";
ALTER TABLE "audit_logs" ENABLE TRIGGER audit_logs_append_only;

-- Finds the next row to seal (chain_position IS NULL) and walks the chain in order.
CREATE UNIQUE INDEX "audit_logs_chain_position_key" ON "audit_logs"("chain_position");

-- No more chain lock in writers: the statement-level lock triggers, the per-row chaining and the
-- head written at commit all go.
DO $$
DECLARE
  audited regclass;
BEGIN
  FOR audited IN SELECT tgrelid::regclass FROM pg_trigger WHERE tgname = 'audit_lock_chain' LOOP
    EXECUTE format('DROP TRIGGER audit_lock_chain ON %s', audited);
  END LOOP;
END $$;
DROP FUNCTION audit_lock_chain();
DROP TRIGGER audit_chain_record_head ON "audit_logs";
DROP FUNCTION audit_chain_record_head();

CREATE OR REPLACE FUNCTION audit_table(target regclass, sensitive text[], ignored text[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON %s '
                 'FOR EACH ROW EXECUTE FUNCTION audit_row_change(%L, %L)', target, sensitive, ignored);
END $$;

-- Stamps every new audit row, however it is inserted: the inserter chooses neither its id, its
-- database role nor anything of the chain. No lock: the row waits for the sealer.
CREATE OR REPLACE FUNCTION audit_logs_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  NEW.id := nextval('audit_logs_id_seq');
  NEW.db_role := session_user;
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.chain_position := NULL;
  NEW.prev_hash := '';
  NEW.hash := '';
  RETURN NEW;
END $$;

-- Chains up to max_rows unsealed rows, oldest id first, after the chain's head; returns how many.
-- One sealer at a time: a second one (or one meeting retention's purge) returns 0 at once rather
-- than queue. Runs as the owner; its one kind of update is let through by audit_logs_append_only.
CREATE FUNCTION seal_audit_logs(max_rows integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  head "audit_chain";
  entry "audit_logs";
  sealed integer := 0;
BEGIN
  SELECT * INTO head FROM "audit_chain" WHERE id = 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;
  PERFORM set_config('exitmatch.audit_seal', 'on', true);
  FOR entry IN SELECT * FROM "audit_logs" WHERE chain_position IS NULL ORDER BY id LIMIT max_rows LOOP
    entry.chain_position := head.last_id + 1;
    entry.prev_hash := head.last_hash;
    entry.hash := audit_log_hash(entry);
    UPDATE "audit_logs"
      SET chain_position = entry.chain_position, prev_hash = entry.prev_hash, hash = entry.hash
      WHERE id = entry.id;
    head.last_id := entry.chain_position;
    head.last_hash := entry.hash;
    sealed := sealed + 1;
  END LOOP;
  PERFORM set_config('exitmatch.audit_seal', 'off', true);
  UPDATE "audit_chain" SET last_id = head.last_id, last_hash = head.last_hash, sealed_at = now() WHERE id = 1;
  RETURN sealed;
END $$;

-- Append-only, for every role including the owner. Two ways through: retention's purge of rows
-- older than 7 years, and the sealer filling in an unsealed row's place in the chain (nothing else
-- of the row may change, and a sealed row is never sealed again).
CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('exitmatch.audit_purge', true) = 'on'
     AND OLD.chain_position IS NOT NULL
     AND OLD.occurred_at < now() - interval '7 years' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE'
     AND current_setting('exitmatch.audit_seal', true) = 'on'
     AND OLD.chain_position IS NULL AND NEW.chain_position IS NOT NULL
     AND to_jsonb(NEW) - '{chain_position,prev_hash,hash}'::text[]
         = to_jsonb(OLD) - '{chain_position,prev_hash,hash}'::text[] THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit rows are removed only by retention after 7 years (purge_expired_audit_logs).';
END $$;

-- Retention: deletes up to batch_size of the oldest sealed rows, but only an unbroken prefix of
-- the chain that is all older than 7 years, and records where the chain now starts (the anchor).
-- Shares only the chain head's lock with the sealer, never with writers.
CREATE OR REPLACE FUNCTION purge_expired_audit_logs(batch_size integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  cutoff timestamptz := now() - interval '7 years';
  entry record;
  last_expired record;
  purged integer;
BEGIN
  PERFORM 1 FROM "audit_chain" WHERE id = 1 FOR UPDATE;
  FOR entry IN SELECT chain_position, occurred_at, hash FROM "audit_logs"
               WHERE chain_position IS NOT NULL ORDER BY chain_position LIMIT batch_size LOOP
    EXIT WHEN entry.occurred_at >= cutoff;
    last_expired := entry;
  END LOOP;
  IF last_expired IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM set_config('exitmatch.audit_purge', 'on', true);
  DELETE FROM "audit_logs" WHERE chain_position <= last_expired.chain_position;
  GET DIAGNOSTICS purged = ROW_COUNT;
  PERFORM set_config('exitmatch.audit_purge', 'off', true);
  UPDATE "audit_chain" SET anchor_id = last_expired.chain_position, anchor_hash = last_expired.hash WHERE id = 1;
  RETURN purged;
END $$;

REVOKE EXECUTE ON FUNCTION seal_audit_logs(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION seal_audit_logs(integer) TO exitmatch_app;
