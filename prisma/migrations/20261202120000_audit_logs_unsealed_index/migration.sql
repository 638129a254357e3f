-- Hand-written: the audit rows still waiting for the sealer, in id order (seal_audit_logs() takes
-- the oldest first). Sealing a row updates it, which leaves a dead version behind until VACUUM; the
-- unique index on chain_position indexes NULL too, so the sealer's lookup through it visited every
-- row sealed since the last VACUUM (100,000 after a bulk load: 580 ms per seal, every second). In
-- this index a sealed row's entry is marked dead by the first ordered scan that meets it, so the
-- lookup stays as small as the backlog, with or without autovacuum. Partial, so Prisma neither
-- introspects it nor reports it as drift. CONCURRENTLY, alone in its file: writes go on meanwhile.
CREATE INDEX CONCURRENTLY "audit_logs_unsealed_idx" ON "audit_logs" ("id") WHERE chain_position IS NULL;
