-- Hand-written: as audit_logs_sealed_position_key, for the activity chain: positions unique once
-- set, no index entry for a row the sealer has not reached (every signed-in view writes one).
-- CONCURRENTLY, alone in its file.
CREATE UNIQUE INDEX CONCURRENTLY "activity_logs_sealed_position_key" ON "activity_logs" ("chain_position") WHERE chain_position IS NOT NULL;
