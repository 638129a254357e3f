-- Hand-written: chain positions stay unique, indexed only once the sealer sets them. The unique
-- index Prisma made also held a NULL entry for every row written, one more index insert in every
-- audited write for an entry no query reads (the sealer finds unsealed rows through
-- audit_logs_unsealed_idx). Partial, so Prisma neither introspects it nor reports it as drift;
-- the old index goes in migration audit_indexes_replaced. CONCURRENTLY, alone in its file.
CREATE UNIQUE INDEX CONCURRENTLY "audit_logs_sealed_position_key" ON "audit_logs" ("chain_position") WHERE chain_position IS NOT NULL;
