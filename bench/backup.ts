// Backup and verified restore at scale: 100,000 listings and 1,000,000 activity rows. Reports
// seconds and MB/s for `ops backup` (pg_dump in a snapshot plus the manifest's checksums) and
// `ops backup verify` (restore into a temporary database plus checksums of every table). The
// baseline, measured in the same run: plain pg_dump and pg_restore of the same database, so
// the cost of the checksums and of the manifest shows as a ratio.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { runCli } from "../functions/cli/run-cli.ts";
import { applyMigrations } from "../functions/db/apply-migrations.ts";
import { withDatabaseName } from "../functions/db/database-url.ts";
import { LocalBackupStore } from "../functions/ops/backup-store.ts";
import { createBackup } from "../functions/ops/create-backup.ts";
import { libpqConnection } from "../functions/ops/libpq-connection.ts";
import { findPgTool, serverVersionOf } from "../functions/ops/pg-tools.ts";
import { verifyNewestBackup } from "../functions/ops/restore-backup.ts";
import { runProgram } from "../functions/ops/run-program.ts";
import { intOption, openBenchServer } from "./bench-server.ts";
import { reportBenchResults } from "./support/bench-results.ts";

const USAGE = `
Usage: npm run bench:backup [-- --listings N] [-- --activity M]

Loads N listings (default 100000, from 1,000 sellers) and M activity rows (default 1000000)
into a fresh database, then times a backup (npm run ops -- backup) and a verified restore
(npm run ops -- backup verify), against plain pg_dump and pg_restore of the same database.
Needs pg_dump and pg_restore 15+. Uses an embedded PostgreSQL in .data/bench-backup (or
BENCH_DATABASE_URL's server).
`;

const DATABASE = "bench_backup";
const log = (message: string) => process.stderr.write(`${message}\n`);
const mb = (bytes: number) => bytes / 1e6;

async function load(url: string, listings: number, activity: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const step = async (label: string, sql: string, values: unknown[]) => {
      const started = performance.now();
      const result = await client.query(sql, values);
      log(`  ${label}: ${result.rowCount} rows (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    };
    // Bulk load without the audit triggers; the backup copies whatever is there either way.
    await client.query("SET session_replication_role = replica");
    await step(
      "users",
      `INSERT INTO users (id, email, name, role, updated_at)
       SELECT md5('seller' || i)::uuid, 'seller' || i || '@bench.example.co.uk', 'Seller ' || i, 'SELLER', now()
       FROM generate_series(1, 1000) i`,
      [],
    );
    await step(
      "businesses",
      `INSERT INTO businesses (id, seller_id, title, description, sic_code, region, asking_price_pence,
                               revenue_pence, premises_tenure, status, town, updated_at)
       SELECT md5('listing' || i)::uuid, md5('seller' || (1 + i % 1000))::uuid, 'Established business no. ' || i,
              repeat('A profitable, well-run business with loyal customers and trained staff. ', 4),
              (ARRAY['62012', '56101', '47110', '86230', '43210'])[1 + i % 5],
              (ARRAY['LONDON', 'SOUTH_EAST', 'NORTH_WEST', 'SCOTLAND', 'WALES'])[1 + i % 5]::"UkRegion",
              10000000 + (i % 5000) * 10000, 20000000 + i, 'LEASEHOLD', 'PUBLISHED', 'Town ' || (i % 400), now()
       FROM generate_series(1, $1::int) i`,
      [listings],
    );
    await step(
      "activity_logs",
      `INSERT INTO activity_logs (user_id, action, entity_type, entity_id, ip_address, user_agent, occurred_at)
       SELECT md5('seller' || (1 + i % 1000))::uuid, 'listing.viewed', 'business',
              md5('listing' || (1 + i % $2))::uuid::text, '203.0.113.' || (i % 250), 'Mozilla/5.0 (bench)',
              now() - (i % 5000) * interval '1 minute'
       FROM generate_series(1, $1::int) i`,
      [activity, listings],
    );
    await client.query("SET session_replication_role = origin");
    await client.query("VACUUM ANALYZE");
    return Number(
      (await client.query<{ bytes: string }>("SELECT pg_database_size(current_database()) AS bytes")).rows[0]!.bytes,
    );
  } finally {
    await client.end();
  }
}

await runCli(USAGE, async (args) => {
  const listings = intOption(args, "listings", 100_000, 10);
  const activity = intOption(args, "activity", 1_000_000, 10);
  const server = await openBenchServer(".data/bench-backup");
  const serverUrl = server.url;
  const url = withDatabaseName(serverUrl, DATABASE);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const folder = await mkdtemp(join(tmpdir(), "exitmatch-bench-backup-"));
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}_plain" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
    await applyMigrations(url);
    log(`Loading ${listings} listings and ${activity} activity rows...`);
    const databaseBytes = await load(url, listings, activity);
    log(`Database: ${mb(databaseBytes).toFixed(0)} MB on disk.`);

    // Baseline: plain pg_dump -Fc, then pg_restore into a fresh database.
    const { major } = await serverVersionOf(admin);
    const pgDump = await findPgTool("pg_dump", major);
    const pgRestore = await findPgTool("pg_restore", major);
    const plainFile = join(folder, "plain.dump");
    const connection = libpqConnection(url);
    log("Plain pg_dump...");
    let started = performance.now();
    await runProgram(
      pgDump.path,
      ["--format=custom", "--compress=6", `--file=${plainFile}`, `--dbname=${connection.url}`],
      connection.env,
    );
    const plainDumpSeconds = (performance.now() - started) / 1000;
    await admin.query(`CREATE DATABASE "${DATABASE}_plain"`);
    const plainTarget = libpqConnection(withDatabaseName(serverUrl, `${DATABASE}_plain`));
    log("Plain pg_restore...");
    started = performance.now();
    await runProgram(
      pgRestore.path,
      ["--no-owner", "--exit-on-error", "--single-transaction", `--dbname=${plainTarget.url}`, plainFile],
      plainTarget.env,
    );
    const plainRestoreSeconds = (performance.now() - started) / 1000;
    const plainBytes = (await stat(plainFile)).size;
    await admin.query(`DROP DATABASE "${DATABASE}_plain" WITH (FORCE)`);

    const store = new LocalBackupStore(join(folder, "backups"));
    log("ops backup...");
    const backup = await createBackup({ url, store, onProgress: () => {} });
    log("ops backup verify...");
    const verified = await verifyNewestBackup({ serverUrl, store });
    if (verified.differences.length > 0)
      throw new Error(`verify found differences: ${verified.differences.join("; ")}`);

    const dumpMb = mb(backup.manifest.dumpBytes);
    const databaseMb = mb(databaseBytes);
    console.log(
      `database ${databaseMb.toFixed(0)} MB (${listings} listings, ${activity} activity rows); dump ${dumpMb.toFixed(1)} MB`,
    );
    console.log(
      `backup: ${backup.seconds.toFixed(1)} s = ${(databaseMb / backup.seconds).toFixed(0)} MB/s of database ` +
        `(${(dumpMb / backup.seconds).toFixed(1)} MB/s written); plain pg_dump ${plainDumpSeconds.toFixed(1)} s ` +
        `(${mb(plainBytes).toFixed(1)} MB); ratio ${(backup.seconds / plainDumpSeconds).toFixed(2)}x`,
    );
    console.log(
      `verified restore: ${verified.seconds.toFixed(1)} s = ${(databaseMb / verified.seconds).toFixed(0)} MB/s of database, ` +
        `${verified.tables} tables and ${verified.rows} rows equal; plain pg_restore ${plainRestoreSeconds.toFixed(1)} s; ` +
        `ratio ${(verified.seconds / plainRestoreSeconds).toFixed(2)}x`,
    );
    reportBenchResults(
      "backup",
      [
        {
          measure: "ops backup (pg_dump, checksums, manifest)",
          project: `${backup.seconds.toFixed(1)} s`,
          baseline: `${plainDumpSeconds.toFixed(1)} s`,
          ratio: backup.seconds / plainDumpSeconds,
          target: "",
          met: null,
        },
        {
          measure: "ops backup verify (restore and compare)",
          project: `${verified.seconds.toFixed(1)} s`,
          baseline: `${plainRestoreSeconds.toFixed(1)} s`,
          ratio: verified.seconds / plainRestoreSeconds,
          target: "",
          met: null,
        },
      ],
      (line) => console.log(line),
    );
    return 0;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    await rm(folder, { recursive: true, force: true });
    await server.stop();
  }
});
