// API write latency while a retention batch runs. Audited writes once queued behind one lock
// that a retention batch held for as long as it ran; now audit rows take no shared lock. The
// API (npm start's server, as a login of exitmatch_app) takes a steady load of audited writes
// (each client its own buyer changing their notification preferences), measured quiet, then
// while the retention users job erases thousands of closed accounts, then quiet again.

import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { runCli } from "../functions/cli/run-cli.ts";
import { systemClock } from "../functions/clock/clock.ts";
import { applyMigrations } from "../functions/db/apply-migrations.ts";
import { ensureLoginRole, withCredentials } from "../functions/db/database-roles.ts";
import { withDatabaseName } from "../functions/db/database-url.ts";
import { createDatabaseClient } from "../functions/db/prisma-client.ts";
import { runRetentionJob } from "../functions/retention/retention-jobs.ts";
import { LocalDiskStorage } from "../functions/storage/local-disk-storage.ts";
import { DEVELOPMENT_PASSWORD } from "../prisma/seed/seed-data.ts";
import { seedWithDevelopmentPassword } from "../prisma/seed/seed-with-password.ts";
import { freePort } from "../tests/support/free-port.ts";
import { intOption, openBenchServer } from "./bench-server.ts";
import { type BenchMeasure, reportBenchResults } from "./support/bench-results.ts";
import { startServer, stopServer } from "./support/child-server.ts";

const USAGE = `
Usage: npm run bench:write-latency [-- --closed N] [-- --seconds S]

Seeds the development data and N accounts closed over 30 days ago (default 20000), starts the
API as a login of exitmatch_app, and keeps one audited write in flight per seeded buyer
(PUT /me/notification-preferences) for S seconds (default 10) three times: quiet, while the
retention users job erases the closed accounts (25 per batch, as in production), and quiet
again. Prints p50, p99 and the slowest write of each phase; the target is a p99 during
retention at most 1.5x the quiet one (two cores serve the API, PostgreSQL and the job here, so
some slowdown is CPU, not waiting). Uses an embedded PostgreSQL in .data/bench-write-latency
(or BENCH_DATABASE_URL's server).
`;

const DATABASE = "bench_write_latency";
const APP_LOGIN = { name: "exitmatch_bench_writer", password: "exitmatch-bench-writer" };
const P99_RATIO_TARGET = 1.5;
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Phase {
  label: string;
  latencies: number[];
  errors: number;
  locks?: string;
}

/** The benchmark database's URL, for the lock sampler. */
let currentUrl = "";

/** Thrown after a retention batch to end the job with the phase. */
class PhaseOver extends Error {}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/**
 * Every 20 ms, how many of the database's sessions wait on a lock (pg_stat_activity): tells a
 * write that waited on another's lock from one that waited for a CPU.
 */
function sampleLockWaits(url: string) {
  const client = new pg.Client({ connectionString: url });
  const samples: number[] = [];
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      samples.push(rows[0]!.n);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await done;
      const waiting = samples.filter((n) => n > 0);
      return `lock waits in ${waiting.length} of ${samples.length} samples (most at once: ${Math.max(0, ...samples)})`;
    },
  };
}

/** One audited write after another per client, until `until()` says stop. */
async function writeLoad(origin: string, tokens: string[], label: string, until: () => boolean): Promise<Phase> {
  const phase: Phase = { label, latencies: [], errors: 0 };
  const locks = sampleLockWaits(currentUrl);
  await Promise.all(
    tokens.map(async (token, client) => {
      for (let i = 0; !until(); i += 1) {
        const started = performance.now();
        const response = await fetch(`${origin}/me/notification-preferences`, {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ NEW_MATCHES: { delivery: "IMMEDIATE", minMatchScore: 50 + ((i + client) % 40) } }),
        });
        await response.arrayBuffer();
        if (response.status === 200) phase.latencies.push(performance.now() - started);
        else phase.errors += 1;
      }
    }),
  );
  phase.latencies.sort((a, b) => a - b);
  phase.locks = await locks.stop();
  return phase;
}

const describe = (phase: Phase) =>
  `${phase.label}: ${phase.latencies.length} writes, p50 ${percentile(phase.latencies, 50).toFixed(1)} ms, ` +
  `p99 ${percentile(phase.latencies, 99).toFixed(1)} ms, slowest ${phase.latencies.at(-1)?.toFixed(1)} ms` +
  (phase.errors ? `, ${phase.errors} errors` : "") +
  `; ${phase.locks}`;

/** Accounts closed 31 to 60 days ago, each with a little activity, for the users job to erase. */
async function loadClosedAccounts(url: string, count: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica");
    await client.query(
      `INSERT INTO users (id, email, name, role, created_at, updated_at, deleted_at)
       SELECT md5('closed' || i)::uuid, 'closed' || i || '@bench.example.co.uk', 'Closed Person ' || i, 'BUYER',
              now() - interval '400 days', now() - interval '40 days', now() - interval '31 days' - (i % 30) * interval '1 day'
       FROM generate_series(1, $1::int) i`,
      [count],
    );
    await client.query(
      `INSERT INTO activity_logs (user_id, action, ip_address, user_agent, occurred_at)
       SELECT md5('closed' || (1 + i % $1))::uuid, 'auth.login', '203.0.113.' || (i % 250), 'Mozilla/5.0 (bench)',
              now() - interval '50 days'
       FROM generate_series(1, $1::int * 3) i`,
      [count],
    );
    await client.query("SET session_replication_role = origin");
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}

await runCli(USAGE, async (args) => {
  const closed = intOption(args, "closed", 20_000);
  const seconds = intOption(args, "seconds", 10);
  const server = await openBenchServer(".data/bench-write-latency");
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  let api: ChildProcess | undefined;
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
    const url = withDatabaseName(server.url, DATABASE);
    currentUrl = url;
    log("Migrating and seeding...");
    await applyMigrations(url);
    const owner = createDatabaseClient(url).prisma;
    try {
      await seedWithDevelopmentPassword(owner);
    } finally {
      await owner.$disconnect();
    }
    log(`Loading ${closed.toLocaleString("en-GB")} closed accounts...`);
    await loadClosedAccounts(url, closed);
    await ensureLoginRole(url, { ...APP_LOGIN, kind: "app" });
    const appUrl = withCredentials(url, APP_LOGIN.name, APP_LOGIN.password);

    const port = await freePort();
    log("Starting the API...");
    api = await startServer(
      ["functions/cli/start.ts"],
      { DATABASE_URL: appUrl, DIRECT_URL: url, PORT: String(port), LOG_LEVEL: "warn", NODE_ENV: "development" },
      "listening on",
    );
    const origin = `http://127.0.0.1:${port}`;
    const emails = await buyerEmails(url);
    const tokens: string[] = [];
    for (const email of emails) {
      const response = await fetch(`${origin}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: DEVELOPMENT_PASSWORD }),
      });
      const body = (await response.json()) as { accessToken?: string };
      if (!body.accessToken) throw new Error(`could not log in ${email}: ${response.status}`);
      tokens.push(body.accessToken);
    }
    log(`${tokens.length} buyers writing at once.`);

    /** A stop condition: true once `ms` have passed from now. */
    const forMs = (ms: number) => {
      const deadline = performance.now() + ms;
      return () => performance.now() >= deadline;
    };
    const forSeconds = () => forMs(seconds * 1000);
    await writeLoad(origin, tokens, "warm-up", forMs(2000));
    const quiet = await writeLoad(origin, tokens, "quiet", forSeconds());
    log(describe(quiet));

    // The retention users job, as the scheduled function runs it (the application's role), for
    // as long as the phase lasts: stopped after a batch, as a crash would (the job resumes from
    // there on its next run).
    const app = createDatabaseClient(appUrl).prisma;
    let phaseOver = false;
    let erased = 0;
    let batches = 0;
    const retention = runRetentionJob(app, new LocalDiskStorage(".data/bench-write-latency-storage"), "users", {
      clock: systemClock,
      onProgress: (progress) => {
        erased = progress.processed;
        batches = progress.batches;
      },
      afterBatch: () => {
        if (phaseOver) throw new PhaseOver();
      },
    }).then(
      () => "finished" as const,
      (error: unknown) => {
        if (error instanceof PhaseOver) return "stopped" as const;
        throw error;
      },
    );
    let retentionState: "running" | "finished" | "stopped" = "running";
    void retention.then((state) => {
      retentionState = state;
    });
    const stopDuring = forSeconds();
    const during = await writeLoad(
      origin,
      tokens,
      "during retention",
      () => stopDuring() || retentionState !== "running",
    );
    phaseOver = true;
    const finishedEarly = (await retention) === "finished";
    await app.$disconnect();
    log(`${describe(during)} (retention erased ${erased} accounts in ${batches} batches meanwhile)`);
    if (finishedEarly) log("  (the job finished before the phase's end: raise --closed for a longer overlap)");
    const after = await writeLoad(origin, tokens, "quiet again", forSeconds());
    log(describe(after));

    const quietP99 = Math.max(percentile(quiet.latencies, 99), percentile(after.latencies, 99));
    const duringP99 = percentile(during.latencies, 99);
    const errors = quiet.errors + during.errors + after.errors;
    const measures: BenchMeasure[] = [
      {
        measure: `API write p99 during a retention batch (${tokens.length} clients)`,
        project: `${duringP99.toFixed(1)} ms`,
        baseline: `${quietP99.toFixed(1)} ms quiet`,
        ratio: duringP99 / quietP99,
        target: `<= ${P99_RATIO_TARGET.toFixed(2)}x`,
        met: duringP99 / quietP99 <= P99_RATIO_TARGET && errors === 0 && erased > 0,
      },
    ];
    reportBenchResults("write-latency", measures, (line) => process.stdout.write(`${line}\n`));
    return measures.every((measure) => measure.met) ? 0 : 1;
  } finally {
    if (api) await stopServer(api);
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    await server.stop();
  }
});

async function buyerEmails(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ email: string }>(
      "SELECT email FROM users WHERE role = 'BUYER' AND deleted_at IS NULL AND email NOT LIKE 'closed%' ORDER BY email",
    );
    return rows.map((row) => row.email);
  } finally {
    await client.end();
  }
}
