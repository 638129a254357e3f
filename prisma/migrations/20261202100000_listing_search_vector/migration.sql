-- Hand-written: full-text search reads stored vectors instead of computing one per row. Ranking
-- a common word's matches used to run to_tsvector on each of them (10,000 matches: about 200 ms);
-- the search now checks stored columns and stops at the first page (functions/listings/search-query.ts).
SET lock_timeout = '5s';
SET statement_timeout = '15min';

-- The search document: title words weigh A and description words B (concatenated vectors keep
-- positions consecutive, so a phrase across the two still matches as on the joined text). The
-- title's own vector, GIN-indexed too, is what relevance ranks by: listings with the words in
-- the title come first, and PostgreSQL has statistics for that condition.
CREATE FUNCTION listing_search_document(title text, description text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B');

-- Kept by a trigger rather than declared GENERATED: adding a generated column rewrites the table
-- under an ACCESS EXCLUSIVE lock (no listing readable meanwhile), where a nullable column is
-- added at once and filled by one UPDATE, which takes row locks only.
ALTER TABLE "businesses" ADD COLUMN "search_vector" tsvector, ADD COLUMN "title_vector" tsvector;

CREATE FUNCTION businesses_search_vectors() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := listing_search_document(NEW.title, NEW.description);
  NEW.title_vector := to_tsvector('english', NEW.title);
  RETURN NEW;
END $$;

CREATE TRIGGER "businesses_search_vectors"
  BEFORE INSERT OR UPDATE OF title, description, search_vector, title_vector
  ON "businesses" FOR EACH ROW EXECUTE FUNCTION businesses_search_vectors();

-- The audit trail records what people changed, not what PostgreSQL derives from it: a third
-- trigger argument names columns left out of every audit row (the search vectors would
-- otherwise repeat a listing's text, tokenised, in every change of its title or description).
CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  sensitive text[] := coalesce(TG_ARGV[0], '{}')::text[];
  ignored text[] := coalesce(TG_ARGV[1], '{}')::text[];
  omitted text[] := coalesce(TG_ARGV[2], '{}')::text[];
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  columns text[] := '{}';
  changes jsonb := '{}';
  key text;
  old_value jsonb;
  new_value jsonb;
BEGIN
  FOR key IN SELECT jsonb_object_keys(coalesce(new_row, old_row)) LOOP
    CONTINUE WHEN key = ANY (omitted);
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

DROP TRIGGER "audit_row_change" ON "businesses";
CREATE TRIGGER "audit_row_change" AFTER INSERT OR UPDATE OR DELETE ON "businesses"
  FOR EACH ROW EXECUTE FUNCTION audit_row_change('{}', '{view_count}', '{search_vector,title_vector}');

-- Existing listings (the trigger fills the columns; an UPDATE naming them fires it). The audit
-- trigger above leaves both out, so this writes no audit rows.
UPDATE "businesses" SET search_vector = NULL WHERE search_vector IS NULL;
