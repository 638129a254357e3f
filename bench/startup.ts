// Time to the first healthy response of `npm start`: from a clean data folder (embedded
// PostgreSQL init + migrate + seed + server) and on a second start (data already there).
// Baseline, measured in the same run: the floor any such start pays, a bare embedded
// PostgreSQL (init/start) answering `SELECT 1` from a fresh process.
import { spawn } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { runCli } from "../functions/cli/run-cli.ts";
import { freePort } from "../tests/support/free-port.ts";
import { type BenchMeasure, reportBenchResults } from "./support/bench-results.ts";

const USAGE = `
Usage: npm run bench:startup [-- --runs N]

Measures the time from launching \`npm start\` (functions/cli/start.ts) to the first
200 from GET /health:
  cold: a clean data folder (init + migrate + seed + serve); target < 10 s
  warm: the same folder again;                               target < 3 s
and the same two for a baseline in the same run: a fresh process that starts a bare
embedded PostgreSQL and runs SELECT 1. Prints medians over N runs (default 3) and ratios.
`;

const require = createRequire(import.meta.url);
const TSX_CLI = require.resolve("tsx/cli");
const ROOT = resolve(import.meta.dirname, "..");

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Launches `start.ts`, returns seconds until /health answers 200, then stops it with SIGINT. */
async function timeApiStart(dataDir: string, pgPort: number): Promise<number> {
  const httpPort = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [TSX_CLI, join(ROOT, "functions/cli/start.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: "",
      DIRECT_URL: "",
      EMBEDDED_POSTGRES_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      PORT: String(httpPort),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolveExit) => child.once("exit", resolveExit));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${httpPort}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
      if (performance.now() - started > 120_000) throw new Error(`No healthy response in 120 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill("SIGINT");
    await exited;
  }
}

/** The baseline: a fresh Node process that starts a bare embedded PostgreSQL and runs SELECT 1. */
async function timeBareDatabase(dataDir: string, pgPort: number): Promise<number> {
  const started = performance.now();
  let finished = 0;
  await new Promise<void>((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      [TSX_CLI, join(ROOT, "bench/bare-database-start.ts"), dataDir, String(pgPort)],
      {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    child.on("exit", (code) => {
      finished = performance.now();
      code === 0 ? resolveRun() : reject(new Error(`baseline failed:\n${errors}`));
    });
  });
  return (finished - started) / 1000;
}

await runCli(USAGE, async (args) => {
  const runsIndex = args.indexOf("--runs");
  const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write("--runs takes a whole number >= 1\n");
    return 2;
  }
  const scratch = join(ROOT, ".data", "bench-startup");
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const pgPort = await freePort();
  const results = {
    apiCold: [] as number[],
    apiWarm: [] as number[],
    baseCold: [] as number[],
    baseWarm: [] as number[],
  };

  try {
    for (let run = 1; run <= runs; run += 1) {
      const apiDir = join(scratch, `api-${run}`);
      const baseDir = join(scratch, `base-${run}`);
      process.stdout.write(`[run ${run}/${runs}] api cold... `);
      results.apiCold.push(await timeApiStart(apiDir, pgPort));
      process.stdout.write(`${results.apiCold.at(-1)!.toFixed(2)} s, warm... `);
      results.apiWarm.push(await timeApiStart(apiDir, pgPort));
      process.stdout.write(`${results.apiWarm.at(-1)!.toFixed(2)} s; baseline cold... `);
      results.baseCold.push(await timeBareDatabase(baseDir, pgPort));
      process.stdout.write(`${results.baseCold.at(-1)!.toFixed(2)} s, warm... `);
      results.baseWarm.push(await timeBareDatabase(baseDir, pgPort));
      process.stdout.write(`${results.baseWarm.at(-1)!.toFixed(2)} s\n`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  const measure = (label: string, api: number[], base: number[], target: number): BenchMeasure => ({
    measure: `npm start, ${label}, to first healthy response`,
    project: `${median(api).toFixed(2)} s`,
    baseline: `${median(base).toFixed(2)} s`,
    ratio: median(api) / median(base),
    target: `< ${target} s`,
    met: median(api) < target,
  });
  process.stdout.write(
    `\nTime to first healthy response (median of ${runs}); baseline = a fresh process starting a bare embedded PostgreSQL and running SELECT 1:\n`,
  );
  const measures = [
    measure("cold", results.apiCold, results.baseCold, 10),
    measure("warm", results.apiWarm, results.baseWarm, 3),
  ];
  reportBenchResults("startup", measures, (line) => process.stdout.write(`${line}\n`));
  return measures.every((m) => m.met) ? 0 : 1;
});
