// `npm run bench`: every benchmark in sequence, then one table of what each measured against its
// baseline and target (each benchmark leaves its verdict in .data/bench-results; support/bench-results.ts).

import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { runCli } from "../functions/cli/run-cli.ts";
import { BENCH_RESULTS_DIR, type BenchMeasure, formatBenchTable, readBenchResults } from "./support/bench-results.ts";

/** Each benchmark: the name it saves its verdict under, and its script. In the order they run. */
const BENCHMARKS = [
  ["requests", "bench/request-overhead.ts"],
  ["search", "bench/listing-search.ts"],
  ["audit", "bench/audit-overhead.ts"],
  ["retention", "bench/retention.ts"],
  ["write-latency", "bench/write-latency.ts"],
  ["matching", "bench/matching.ts"],
  ["offers", "bench/offers.ts"],
  ["session", "bench/session-overhead.ts"],
  ["startup", "bench/startup.ts"],
  ["lambda", "bench/lambda-bundle.ts"],
  ["backup", "bench/backup.ts"],
] as const;

const USAGE = `
Usage: npm run bench [-- --only name,name]

Runs every benchmark in sequence (${BENCHMARKS.map(([name]) => name).join(", ")}), each with its own
defaults and its own output as it goes, then prints one table: measure, this project, baseline
(measured in the same run), ratio, target, and whether it is met. --only runs the named ones.
Takes about half an hour on a 2-core machine. Needs what the benchmarks need (wrk for requests).
Set BENCH_DATABASE_URL to run them on another PostgreSQL server.
Exit code: 0 when every target is met, 1 otherwise.
`;

const ROOT = resolve(import.meta.dirname, "..");
const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");

function run(script: string): Promise<number | null> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [TSX_CLI, script], { cwd: ROOT, stdio: "inherit" });
    child.on("exit", (code) => resolveRun(code));
  });
}

await runCli(USAGE, async (args) => {
  const onlyIndex = args.indexOf("--only");
  const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? "").split(",") : undefined;
  const unknown = only?.filter((name) => !BENCHMARKS.some(([known]) => known === name)) ?? [];
  if (unknown.length > 0 || (only && only.length === 0)) {
    process.stderr.write(`Unknown benchmark: ${unknown.join(", ")}\n${USAGE}`);
    return 2;
  }
  const chosen = BENCHMARKS.filter(([name]) => !only || only.includes(name));
  const measures: BenchMeasure[] = [];
  for (const [index, [name, script]] of chosen.entries()) {
    process.stdout.write(`\n=== ${index + 1}/${chosen.length}: ${name} (${script}) ===\n`);
    rmSync(join(BENCH_RESULTS_DIR, `${name}.json`), { force: true });
    const started = performance.now();
    const code = await run(script);
    const results = readBenchResults(name);
    process.stdout.write(`=== ${name}: ${((performance.now() - started) / 1000).toFixed(0)} s ===\n`);
    if (results) measures.push(...results);
    else {
      measures.push({
        measure: `${name}: did not finish (exit code ${code})`,
        project: "",
        baseline: "",
        ratio: null,
        target: "",
        met: false,
      });
    }
  }
  process.stdout.write("\nAll benchmarks:\n");
  for (const line of formatBenchTable(measures)) process.stdout.write(`${line}\n`);
  return measures.every((measure) => measure.met !== false) ? 0 : 1;
});
