// The retention jobs at scale: 100,000 users (a tenth of them closed over 30 days ago) with
// 1,000,000 activity rows, 20,000 listings (a quarter idle for over a year), 60,000 financial
// years (a third over 6 years old) and 50,000 audit rows over 7 years old. Each job runs as
// production runs it (batched, through Prisma, audit triggers on); reported: rows per second and
// the longest any batch held its locks. The baseline, measured in the same run on an identical
// copy of the database: the same work as one statement in one transaction, which holds every
// lock for its whole duration.

import pg from "pg";
import { sealAuditChain } from "../functions/audit/seal-audit-chain.ts";
import { runCli } from "../functions/cli/run-cli.ts";
import { fixedClock, systemClock } from "../functions/clock/clock.ts";
import { applyMigrations } from "../functions/db/apply-migrations.ts";
import { withDatabaseName } from "../functions/db/database-url.ts";
import { createDatabaseClient } from "../functions/db/prisma-client.ts";
import { cutoffFor, RETENTION_JOBS, runRetentionJob } from "../functions/retention/retention-jobs.ts";
import { LocalDiskStorage } from "../functions/storage/local-disk-storage.ts";
import { intOption, openBenchServer } from "./bench-server.ts";
import { type BenchMeasure, reportBenchResults } from "./support/bench-results.ts";

const USAGE = `
Usage: npm run bench:retention [-- --users N] [-- --activity M]

Loads N users (default 100000; a tenth closed 31 to 60 days ago, a fifth of them sellers
with a listing and financials) and M activity rows (default 1000000) into a fresh database,
then runs each retention job (users, listings, audit-logs, financials, expired-records) and prints rows per
second and the longest batch transaction (the longest any row lock was held). The same
work as single statements on an identical copy is the baseline: its lock time is the whole
statement. Uses an embedded PostgreSQL in .data/bench-retention (or BENCH_DATABASE_URL's server).
`;

const DATABASE = "bench_retention";
const ONE_SHOT_COPY = "bench_retention_one_shot";

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const log = (message: string) => process.stderr.write(`${message}\n`);

/** Fills the database with SQL set operations; triggers are off while loading (session_replication_role). */
async function load(url: string, users: number, activity: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sellers = Math.floor(users / 5);
  const step = async (label: string, sql: string, values: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(sql, values);
    log(`  ${label}: ${result.rowCount} rows (${seconds(started)} s)`);
  };
  try {
    // Through the chain trigger, so the purge meets a real hash chain.
    await step(
      "audit_logs older than 7 years",
      `INSERT INTO audit_logs (table_name, row_id, action, changed_columns, occurred_at)
       SELECT 'businesses', md5('old' || i)::uuid::text, 'UPDATE', '{status}',
              now() - interval '8 years' + i * interval '1 second'
       FROM generate_series(1, 50000) i`,
    );
    await client.query("SET session_replication_role = replica");
    await step(
      "users",
      `INSERT INTO users (id, email, name, phone, role, created_at, updated_at, deleted_at)
       SELECT md5('user' || i)::uuid, 'person' || i || '@bench.example.co.uk', 'Bench Person ' || i,
              'v1:dev:AAAAAAAAAAAAAAAA:bench-ciphertext-of-a-phone-number',
              (CASE WHEN i <= $2 THEN 'SELLER' ELSE 'BUYER' END)::"UserRole",
              now() - interval '400 days', now() - interval '40 days',
              CASE WHEN i % 10 = 0 THEN now() - interval '31 days' - (i % 30) * interval '1 day' END
       FROM generate_series(1, $1::int) i`,
      [users, sellers],
    );
    await step(
      "businesses",
      `INSERT INTO businesses (id, seller_id, title, description, sic_code, region, asking_price_pence,
                               premises_tenure, status, last_activity_at, updated_at)
       SELECT md5('business' || i)::uuid, md5('user' || i)::uuid, 'Bench listing ' || i, 'A benchmark listing',
              '62012', 'LONDON', 25000000 + i, 'LEASEHOLD', 'PUBLISHED',
              CASE WHEN i % 4 = 0 THEN now() - interval '400 days' ELSE now() - interval '10 days' END, now()
       FROM generate_series(1, $1::int) i`,
      [sellers],
    );
    await step(
      "business_financials",
      `INSERT INTO business_financials (id, business_id, entered_by_id, financial_year_end, revenue_pence, updated_at)
       SELECT md5('financial' || i || year)::uuid, md5('business' || i)::uuid, md5('user' || i)::uuid,
              make_date(year, 3, 31), 50000000 + i, now()
       FROM generate_series(1, $1::int) i, unnest(ARRAY[2019, 2024, 2025]) year`,
      [sellers],
    );
    await step(
      "activity_logs",
      `INSERT INTO activity_logs (user_id, action, entity_type, entity_id, ip_address, user_agent, occurred_at)
       SELECT md5('user' || (1 + i % $2))::uuid, 'listing.viewed', 'business', md5('business' || (1 + i % 997))::uuid::text,
              '203.0.113.' || (i % 250), 'Mozilla/5.0 (bench)', now() - (i % 700) * interval '1 hour'
       FROM generate_series(1, $1::int) i`,
      [activity, users],
    );
    await client.query("SET session_replication_role = origin");
    const analyzing = performance.now();
    await client.query("VACUUM ANALYZE");
    log(`  vacuum analyze (${seconds(analyzing)} s)`);
  } finally {
    await client.end();
  }
}

/** The same work as the batched jobs, one statement each, one transaction: the lock-time baseline. */
const ONE_SHOT: Record<string, (cutoff: Date) => [string, unknown[]]> = {
  listings: (cutoff) => [
    `UPDATE businesses SET status = 'ARCHIVED', version = version + 1, updated_at = now()
     WHERE status IN ('DRAFT', 'PUBLISHED', 'UNDER_OFFER') AND last_activity_at <= $1 AND deleted_at IS NULL`,
    [cutoff],
  ],
  "audit-logs": () => ["SELECT purge_expired_audit_logs(2147483647)", []],
  financials: (cutoff) => [
    `WITH f AS (DELETE FROM business_financials WHERE financial_year_end <= $1::date RETURNING 1),
          v AS (DELETE FROM valuations WHERE created_at <= $1 RETURNING 1)
     SELECT (SELECT count(*) FROM f) + (SELECT count(*) FROM v)`,
    [cutoff],
  ],
};

async function oneShot(url: string, job: string, now: Date) {
  const statement = ONE_SHOT[job];
  if (!statement) return undefined;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [sql, values] = statement(cutoffFor(job as (typeof RETENTION_JOBS)[number], now));
    const started = performance.now();
    await client.query("BEGIN");
    await client.query("SELECT set_config('exitmatch.system', 'on', true)");
    await client.query(sql, values);
    await client.query("COMMIT");
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

await runCli(USAGE, async (args) => {
  const users = intOption(args, "users", 100_000, 10);
  const activity = intOption(args, "activity", 1_000_000, 10);
  const server = await openBenchServer(".data/bench-retention");
  const serverUrl = server.url;
  const url = withDatabaseName(serverUrl, DATABASE);
  const copyUrl = withDatabaseName(serverUrl, ONE_SHOT_COPY);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const name of [DATABASE, ONE_SHOT_COPY]) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
    await applyMigrations(url);
    log(`Loading ${users} users and ${activity} activity rows...`);
    const loading = performance.now();
    await load(url, users, activity);
    log(`Loaded in ${seconds(loading)} s. Copying for the one-statement baseline...`);
    // In production the sealer has chained the old audit rows long before they expire.
    const sealer = createDatabaseClient(url, { maxConnections: 1 }).prisma;
    log(`Sealed the audit chain: ${await sealAuditChain(sealer)} rows.`);
    await sealer.$disconnect();
    await admin.query(`CREATE DATABASE "${ONE_SHOT_COPY}" TEMPLATE "${DATABASE}"`);

    // Fixed for the whole run, so the dry run, the run and the one-statement baseline agree.
    const clock = fixedClock(systemClock.now());
    const now = clock.now();
    const { prisma } = createDatabaseClient(url);
    const storage = new LocalDiskStorage(".data/bench-retention-storage");
    const lines: string[] = [];
    const measures: BenchMeasure[] = [];
    try {
      for (const job of RETENTION_JOBS) {
        const dryStarted = performance.now();
        const dry = await runRetentionJob(prisma, storage, job, { clock, dryRun: true });
        const dryMs = performance.now() - dryStarted;
        log(`${job}: dry run says ${dry.processed} rows due (${Math.round(dryMs)} ms); running...`);
        const started = performance.now();
        const result = await runRetentionJob(prisma, storage, job, {
          clock,
          onProgress: ({ processed }) => process.stderr.write(`\r  ${processed} / ${dry.processed}`),
        });
        const elapsed = (performance.now() - started) / 1000;
        process.stderr.write("\n");
        const oneShotMs = await oneShot(copyUrl, job, now);
        const details = result.details
          ? ` (${Object.entries(result.details)
              .map(([key, value]) => `${key} ${value}`)
              .join(", ")})`
          : "";
        if (oneShotMs !== undefined) {
          measures.push({
            measure: `retention ${job}: longest lock held`,
            project: `${result.longestBatchMs} ms`,
            baseline: `${Math.round(oneShotMs)} ms`,
            ratio: result.longestBatchMs / oneShotMs,
            target: "",
            met: null,
          });
        }
        lines.push(
          `${job}: ${result.processed} rows${details} in ${elapsed.toFixed(1)} s = ${Math.round(result.processed / elapsed)} rows/s; ` +
            `${result.batches} batches, longest lock ${result.longestBatchMs} ms` +
            (oneShotMs === undefined
              ? ""
              : `; one statement: ${Math.round(oneShotMs)} ms holding every lock ` +
                `(longest batch lock ${(result.longestBatchMs / oneShotMs).toFixed(2)}x of it)`),
        );
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const [anonymised] = (
        await client.query<{ n: string }>(
          "SELECT count(*) AS n FROM activity_logs WHERE ip_address IS NULL AND user_agent IS NULL",
        )
      ).rows;
      await client.end();
      lines.push(`activity rows anonymised by the users job: ${anonymised!.n} of ${activity}`);
    } finally {
      await prisma.$disconnect();
    }
    for (const line of lines) console.log(line);
    reportBenchResults("retention", measures, (line) => console.log(line));
    return 0;
  } finally {
    for (const name of [DATABASE, ONE_SHOT_COPY]) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    await server.stop();
  }
});
