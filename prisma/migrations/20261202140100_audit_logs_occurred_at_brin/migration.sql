-- Hand-written: a BRIN index for audit_logs.occurred_at, replacing its B-tree (migration
-- audit_indexes_replaced drops the old one and gives this one its name). Audit rows arrive in time
-- order and are never updated in place before sealing, so a block range's times are narrow: the
-- index stays a few pages and an insert rarely touches it, where the B-tree took a page write and
-- its WAL on every audited write. Only retention filters on the time (older than 7 years, the
-- oldest blocks); the admin trail reads newest first by id. CONCURRENTLY, alone in its file.
CREATE INDEX CONCURRENTLY "audit_logs_occurred_at_brin" ON "audit_logs" USING brin ("occurred_at");
