-- Hand-written: the audit chain gets an identity, which names its anchors outside the database
-- (functions/audit/audit-anchors.ts), so chains of different databases (a developer's, the
-- tests') never mix in one anchor store. A restored backup keeps its chain's identity, and so
-- is checked against the anchors of the chain it claims to be.
SET lock_timeout = '5s';
SET statement_timeout = '1min';

ALTER TABLE "audit_chain" ADD COLUMN "chain_id" UUID NOT NULL DEFAULT gen_random_uuid();
