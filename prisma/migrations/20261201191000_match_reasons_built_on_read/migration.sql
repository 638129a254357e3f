-- A match's reasons are built when it is read (functions/matching/explain-matches.ts), so
-- recomputing writes scores only. Expand, then contract: the column stays, nullable, until no
-- deployed release reads it. Dropping NOT NULL only changes the catalogue: no scan, no rewrite.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- AlterTable
ALTER TABLE "matches" ALTER COLUMN "breakdown" DROP NOT NULL;
