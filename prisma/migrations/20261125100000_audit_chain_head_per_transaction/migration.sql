-- Hand-written: the audit chain's head row (audit_chain) is written once per transaction
-- instead of once per audit row.
--
-- Why: updating the same row N times in one transaction leaves N row versions that no one can
-- prune until commit, and every later lookup of that row walks them all: N audit rows in one
-- transaction cost O(N^2). 50,000 rows in one transaction took 63 s; a retention batch that
-- erases 100 people spent most of its time there.
--
-- Now: each new audit row takes the chain lock (SELECT ... FOR UPDATE, which adds no row
-- version) and chains to the newest audit row, which is either the head recorded in
-- audit_chain or a row this transaction inserted after it (no one else can insert while we
-- hold the lock). A deferred constraint trigger writes the new head into audit_chain at
-- commit, still under the lock; SET CONSTRAINTS ... IMMEDIATE merely writes it earlier, and
-- later inserts move it again. No session settings are involved, so the application role
-- cannot steer the chain.

-- Prisma runs this file as one transaction; LOCAL keeps the limits to it. The triggers need a
-- brief lock on audit_logs: give up rather than queue behind a long transaction.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE OR REPLACE FUNCTION audit_logs_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  head "audit_chain";
  previous_hash text;
BEGIN
  SELECT * INTO head FROM "audit_chain" WHERE id = 1 FOR UPDATE;
  -- Rows this transaction already chained (earlier rows of this statement included: a VOLATILE
  -- row trigger sees them).
  SELECT hash INTO previous_hash FROM "audit_logs" WHERE id > head.last_id ORDER BY id DESC LIMIT 1;
  NEW.id := nextval('audit_logs_id_seq');
  NEW.db_role := session_user;
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.prev_hash := coalesce(previous_hash, head.last_hash);
  NEW.hash := audit_log_hash(NEW);
  RETURN NEW;
END $$;

-- Moves the head to this transaction's newest audit row. Runs once per inserted row at commit,
-- but only the first finds anything to do; the rest see the head already there.
CREATE FUNCTION audit_chain_record_head() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  newest "audit_logs";
BEGIN
  SELECT * INTO newest FROM "audit_logs" ORDER BY id DESC LIMIT 1;
  UPDATE "audit_chain" SET last_id = newest.id, last_hash = newest.hash
  WHERE id = 1 AND last_id < newest.id;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER audit_chain_record_head AFTER INSERT ON "audit_logs"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit_chain_record_head();
