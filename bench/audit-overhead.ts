// The write overhead of the audit triggers: the same inserts and updates on `businesses`, through
// raw pg with the same concurrency, on two databases migrated alike, one with its audit trigger
// disabled (the baseline). Both are measured in the same run, alternating rounds.
import pg from "pg";
import { rowsWaitingForSealerSql } from "../functions/audit/rows-waiting-for-sealer.ts";
import { runCli } from "../functions/cli/run-cli.ts";
import { applyMigrations } from "../functions/db/apply-migrations.ts";
import { withDatabaseName } from "../functions/db/database-url.ts";
import { SEAL_INTERVAL_MS } from "../functions/runtime/audit-sealer.ts";
import { intOption, openBenchServer } from "./bench-server.ts";
import { type BenchMeasure, reportBenchResults } from "./support/bench-results.ts";

const USAGE = `
Usage: npm run bench:audit [-- --rows N] [-- --concurrency C] [-- --rounds R]

Inserts N listings (default 20000) and then updates each once, with C concurrent clients
(default 4), on a database with the audit triggers and on one with them disabled, R rounds
each (default 3, alternating). On the audited database the sealer runs meanwhile, every second
as in production, and its cost counts. Prints rows per second for both, the ratio (audited /
baseline; target at least 0.8x) and the longest a row waited to be sealed.
Uses an embedded PostgreSQL in .data/bench-audit (or BENCH_DATABASE_URL's server).
`;

const SELLER = "00000000-0000-4000-8000-000000000001";

async function prepare(serverUrl: string, name: string, audited: boolean) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabaseName(serverUrl, name);
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, 'bench@example.co.uk', 'Bench Seller', 'SELLER', now())`,
    [SELLER],
  );
  // Only the audit trigger: the one that keeps the search vectors is part of any write to a
  // listing, audited or not.
  if (!audited) await client.query("ALTER TABLE businesses DISABLE TRIGGER audit_row_change");
  // The seller's own audit row, sealed now so the sealing delay measured is the rounds' alone.
  if (audited) await client.query("SELECT seal_audit_logs(1000)");
  await client.end();
  return url;
}

async function timed(url: string, rows: number, concurrency: number, sql: (i: number) => [string, unknown[]]) {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < rows; i = next++) {
        const [text, values] = sql(i);
        await pool.query(text, values);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return rows / seconds;
}

/**
 * Seals every SEAL_INTERVAL_MS on its own connection until stopped, as `npm start` does; returns
 * the longest any row waited (seconds from its transaction's start to being sealed).
 */
function runSealer(url: string) {
  const client = new pg.Client({ connectionString: url });
  let stopped = false;
  let longestWaitSeconds = 0;
  const done = (async () => {
    await client.connect();
    while (!stopped) {
      const waited = (await client.query<{ oldest: number }>(rowsWaitingForSealerSql("audit_logs"))).rows[0]!.oldest;
      longestWaitSeconds = Math.max(longestWaitSeconds, waited);
      while ((await client.query<{ n: number }>("SELECT seal_audit_logs(5000) AS n")).rows[0]!.n === 5000) {}
      await new Promise((resolve) => setTimeout(resolve, SEAL_INTERVAL_MS));
    }
    // What the last interval left, so the next round starts from a sealed chain.
    while ((await client.query<{ n: number }>("SELECT seal_audit_logs(5000) AS n")).rows[0]!.n === 5000) {}
    await client.end();
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      return longestWaitSeconds;
    },
  };
}

async function round(url: string, rows: number, concurrency: number, roundNo: number) {
  const ids: string[] = [];
  const insert = await timed(url, rows, concurrency, (i) => {
    const id = `${String(roundNo).padStart(8, "0")}-0000-4000-8000-${String(i).padStart(12, "0")}`;
    ids[i] = id;
    return [
      `INSERT INTO businesses (id, seller_id, title, description, sic_code, region, asking_price_pence, premises_tenure, updated_at)
       VALUES ($1, $2, $3, 'A benchmark listing', '62012', 'LONDON', $4, 'LEASEHOLD', now())`,
      [id, SELLER, `Listing ${i}`, 100_000_00 + i],
    ];
  });
  const update = await timed(url, rows, concurrency, (i) => [
    "UPDATE businesses SET asking_price_pence = asking_price_pence + 100, version = version + 1 WHERE id = $1",
    [ids[i]],
  ]);
  return { insert, update };
}

/** Where the server's write-ahead log ends now, in bytes ("16/B374D848": high and low 32 bits). */
async function walPosition(url: string): Promise<bigint> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ lsn: string }>("SELECT pg_current_wal_insert_lsn()::text AS lsn");
    const [high, low] = rows[0]!.lsn.split("/").map((part) => BigInt(`0x${part}`));
    return (high! << 32n) + low!;
  } finally {
    await client.end();
  }
}

const WRITE_RATIO_TARGET = 0.8;
const SEAL_WAIT_TARGET_SECONDS = 2;

await runCli(USAGE, async (args) => {
  const rows = intOption(args, "rows", 20_000);
  const concurrency = intOption(args, "concurrency", 4);
  const rounds = intOption(args, "rounds", 3);
  const server = await openBenchServer(".data/bench-audit");
  const serverUrl = server.url;
  try {
    const audited = await prepare(serverUrl, "bench_audit_on", true);
    const baseline = await prepare(serverUrl, "bench_audit_off", false);
    let longestSealWait = 0;
    const results = { on: [] as { insert: number; update: number }[], off: [] as { insert: number; update: number }[] };
    // WAL written per row, sealing included: writers here wait mostly on WAL flushes (commit),
    // so the bytes each audited write adds are what its rate pays for.
    const walBytes = { on: 0n, off: 0n };
    for (let r = 1; r <= rounds; r += 1) {
      console.error(`round ${r}/${rounds}: ${rows} inserts + ${rows} updates on each database...`);
      let walStart = await walPosition(serverUrl);
      results.off.push(await round(baseline, rows, concurrency, r));
      walBytes.off += (await walPosition(serverUrl)) - walStart;
      walStart = await walPosition(serverUrl);
      const sealer = runSealer(audited);
      results.on.push(await round(audited, rows, concurrency, r));
      longestSealWait = Math.max(longestSealWait, await sealer.stop());
      walBytes.on += (await walPosition(serverUrl)) - walStart;
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const measures: BenchMeasure[] = (["insert", "update"] as const).map((kind) => {
      const on = median(results.on.map((result) => result[kind]));
      const off = median(results.off.map((result) => result[kind]));
      return {
        measure: `audited ${kind}s (${concurrency} clients)`,
        project: `${Math.round(on)} rows/s`,
        baseline: `${Math.round(off)} rows/s`,
        ratio: on / off,
        target: `>= ${WRITE_RATIO_TARGET.toFixed(2)}x`,
        met: on / off >= WRITE_RATIO_TARGET,
      };
    });
    const perWrite = (bytes: bigint) => Math.round(Number(bytes) / (rows * 2 * rounds));
    measures.push({
      measure: "WAL written per write (sealing included)",
      project: `${perWrite(walBytes.on)} bytes`,
      baseline: `${perWrite(walBytes.off)} bytes`,
      ratio: Number(walBytes.on) / Number(walBytes.off),
      target: "",
      met: null,
    });
    measures.push({
      measure: "longest wait to be sealed",
      project: `${longestSealWait.toFixed(2)} s`,
      baseline: "",
      ratio: null,
      target: `<= ${SEAL_WAIT_TARGET_SECONDS} s`,
      met: longestSealWait <= SEAL_WAIT_TARGET_SECONDS,
    });
    reportBenchResults("audit", measures, (line) => console.log(line));
    return measures.every((measure) => measure.met !== false) ? 0 : 1;
  } finally {
    await server.stop();
  }
});
