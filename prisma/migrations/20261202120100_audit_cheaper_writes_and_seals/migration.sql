-- Hand-written: what an audited write and its sealing cost (bench:audit). Behaviour is unchanged.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '1min';

-- The sealer finds its rows through audit_logs_unsealed_idx in id order with a plain index scan:
-- that scan marks the entries of rows it finds already sealed as dead, so the next seal skips them
-- (a bitmap scan never does, and would revisit every row sealed since the last VACUUM). The planner
-- picks a bitmap scan and a sort whenever it expects fewer rows than the batch, so bitmap scans
-- are off for this one function.
ALTER FUNCTION seal_audit_logs(integer) SET enable_bitmapscan = off;

-- The sealer's one kind of update was checked by turning both versions of the row into jsonb
-- (84 µs a row, more than the sealing itself). The same check on the row as it is: the new row
-- must equal the old one with only its place in the chain filled in, byte for byte, whatever
-- columns the table has.
CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  sealed_as_allowed "audit_logs";
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('exitmatch.audit_purge', true) = 'on'
     AND OLD.chain_position IS NOT NULL
     AND OLD.occurred_at < now() - interval '7 years' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE'
     AND current_setting('exitmatch.audit_seal', true) = 'on'
     AND OLD.chain_position IS NULL AND NEW.chain_position IS NOT NULL THEN
    sealed_as_allowed := OLD;
    sealed_as_allowed.chain_position := NEW.chain_position;
    sealed_as_allowed.prev_hash := NEW.prev_hash;
    sealed_as_allowed.hash := NEW.hash;
    IF NEW *= sealed_as_allowed THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit rows are removed only by retention after 7 years (purge_expired_audit_logs).';
END $$;

-- A changed row's audit entry in one query instead of a PL/pgSQL loop over its columns (each pass
-- of which is several interpreted statements). Same result: the columns in the row's jsonb key
-- order, sensitive values redacted, omitted columns left out, an UPDATE of ignored columns only
-- (or of nothing) not recorded.
CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  sensitive text[] := coalesce(TG_ARGV[0], '{}')::text[];
  ignored text[] := coalesce(TG_ARGV[1], '{}')::text[];
  omitted text[] := coalesce(TG_ARGV[2], '{}')::text[];
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  columns text[];
  changes jsonb;
BEGIN
  SELECT coalesce(array_agg(d.key ORDER BY d.n), '{}'),
         coalesce(jsonb_object_agg(d.key, CASE TG_OP
           WHEN 'INSERT' THEN jsonb_build_object('new', d.new_value)
           WHEN 'DELETE' THEN jsonb_build_object('old', d.old_value)
           ELSE jsonb_build_object('old', d.old_value, 'new', d.new_value) END), '{}')
    INTO columns, changes
    FROM (
      SELECT k.key, k.n,
             CASE WHEN k.key = ANY (sensitive) AND old_row -> k.key <> 'null' THEN '"[redacted]"' ELSE old_row -> k.key END AS old_value,
             CASE WHEN k.key = ANY (sensitive) AND new_row -> k.key <> 'null' THEN '"[redacted]"' ELSE new_row -> k.key END AS new_value
        FROM jsonb_object_keys(coalesce(new_row, old_row)) WITH ORDINALITY AS k(key, n)
       WHERE k.key <> ALL (omitted)
         AND CASE WHEN TG_OP = 'UPDATE' THEN old_row -> k.key IS DISTINCT FROM new_row -> k.key
                  ELSE coalesce(old_row -> k.key, new_row -> k.key) <> 'null' END
    ) d;
  IF TG_OP = 'UPDATE' AND (cardinality(columns) = 0 OR columns <@ ignored) THEN
    RETURN NULL;
  END IF;
  INSERT INTO "audit_logs" (table_name, row_id, action, changed_columns, changes, actor_user_id, request_id)
  VALUES (TG_TABLE_NAME, coalesce(new_row, old_row) ->> 'id', TG_OP::"AuditAction", columns, changes,
          app_user_id(), app_setting('exitmatch.request_id'));
  RETURN NULL;
END $$;
