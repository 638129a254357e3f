-- Hand-written: the indexes the previous three migrations replace. DROP INDEX holds the table's
-- exclusive lock only for the catalogue change; lock_timeout keeps it from queueing behind a long
-- transaction (and writes from queueing behind it).
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '1min';

DROP INDEX "audit_logs_occurred_at_idx";
ALTER INDEX "audit_logs_occurred_at_brin" RENAME TO "audit_logs_occurred_at_idx";
DROP INDEX "audit_logs_chain_position_key";
DROP INDEX "activity_logs_chain_position_key";
