// `npm run test:mutation`: StrykerJS over the business-rule modules (mutation-modules.ts), one
// module at a time with the tests that exercise it, and a table of what survived.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PartialStrykerOptions } from "@stryker-mutator/api/core";
import { Stryker } from "@stryker-mutator/core";
import { intOption } from "../../bench/bench-server.ts";
import { runCli } from "../../functions/cli/run-cli.ts";
import { withDatabaseName } from "../../functions/db/database-url.ts";
import { startEmbeddedPostgres } from "../../functions/db/embedded-postgres.ts";
import { ConfigError } from "../../functions/errors/config-error.ts";
import { freePort } from "../support/free-port.ts";
import { INCREMENTAL_DIR, incrementalFileOf, testFilesOf, unchangedResults } from "./incremental-report.ts";
import { MUTATION_MODULES, type MutationModule, PENDING_MODULES } from "./mutation-modules.ts";
import { type ModuleScore, scoreModule, scoreTable, survivorLines } from "./mutation-score.ts";

const USAGE = `
Usage: npm run test:mutation [-- --module NAME ... | --pending] [--force] [--concurrency N] [--threshold PERCENT]

Mutation testing with StrykerJS: every module in tests/mutation/mutation-modules.ts is mutated
(one small change at a time: a condition flipped, a line removed, a constant changed) and its
own test files are run against each mutant. A mutant that no test notices "survives": a
regression those tests would let through.

Incremental: each module's results are kept in tests/mutation/incremental/<module>.json
(committed). A module whose file and test files are unchanged since that report is scored from
it without running Stryker; otherwise Stryker re-tests only the mutants whose code or covering
tests changed and rewrites the report. Commit the rewritten reports with the change.

Prints a table (mutants, killed, survived, no coverage, score per module) and every surviving
mutant with its line, and writes the HTML reports and summary.json under .data/mutation/.
Exits 1 when a module scores under the threshold (default 85%).

  --module NAME       only this module (repeatable), e.g. --module gdpr/erase-person
  --pending           the modules not yet held to the threshold (PENDING_MODULES) instead
  --force             re-test every mutant and rewrite the reports (after a large change to
                      code the modules call, or a Stryker upgrade)
  --concurrency N     Stryker workers (default 2); each runs its own vitest with its own databases
  --threshold PERCENT the lowest acceptable score (default 85)

The tests need PostgreSQL: an embedded one in .data/mutation-postgres, or the server of
TEST_DATABASE_SERVER_URL, started only when a module must be re-tested. A full run takes about
an hour on two cores; an unchanged tree, seconds. CI runs it on every submission (.ci/run).
`;

const REPORT_DIR = ".data/mutation";
const STRYKER_VERSION: string = JSON.parse(
  readFileSync("node_modules/@stryker-mutator/core/package.json", "utf8"),
).version;

function selectedModules(args: string[]): MutationModule[] {
  const names = args.flatMap((arg, index) => (args[index - 1] === "--module" ? [arg] : []));
  if (names.length === 0) return args.includes("--pending") ? PENDING_MODULES : MUTATION_MODULES;
  const known = [...MUTATION_MODULES, ...PENDING_MODULES];
  return names.map((name) => {
    const found = known.find((candidate) => candidate.name === name);
    if (!found) throw new ConfigError(`No module '${name}'. Known: ${known.map((module) => module.name).join(", ")}`);
    return found;
  });
}

function strykerOptions(module: MutationModule, concurrency: number, force: boolean): PartialStrykerOptions {
  return {
    incremental: true,
    incrementalFile: incrementalFileOf(module),
    force,
    testRunner: "vitest",
    vitest: { configFile: "tests/mutation/vitest.config.ts", related: false },
    // TypeScript 7 has no JavaScript API for Stryker's checker; tsc runs in npm test instead.
    checkers: [],
    // Nor one for Stryker's tsconfig rewrite (it only fixes `extends`/`references` that point out
    // of the sandbox, and ours has neither): naming no existing file skips it.
    tsconfigFile: "tsconfig.not-rewritten.json",
    coverageAnalysis: "perTest",
    mutate: [module.file],
    concurrency,
    // Tests against a real database: allow for a slow first query, never for a hang.
    timeoutMS: 15_000,
    reporters: ["html", process.stdout.isTTY ? "progress" : "progress-append-only"],
    htmlReporter: { fileName: join(REPORT_DIR, `${module.name.replaceAll("/", "-")}.html`) },
    tempDirName: ".data/stryker-tmp",
    // Stryker copies the project into a sandbox; local state and databases stay out of it.
    ignorePatterns: ["/.data", "/.sst", "/coverage", "/bench/results", `/${INCREMENTAL_DIR}`],
    // (String values of a const enum the types declare.)
    // Mutants in module-level tables are "static" (every test reruns for each): expected here.
    warnings: { slow: false } as PartialStrykerOptions["warnings"],
    logLevel: "warn" as PartialStrykerOptions["logLevel"],
    fileLogLevel: "off" as PartialStrykerOptions["fileLogLevel"],
  };
}

/** The embedded PostgreSQL the tests use, started the first time a module must be re-tested. */
function testDatabaseServer() {
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  return {
    async ensureStarted() {
      if (embedded || process.env.TEST_DATABASE_SERVER_URL) return;
      embedded = await startEmbeddedPostgres({
        dataDir: ".data/mutation-postgres",
        port: await freePort(),
        database: "postgres",
        reuseRunning: true,
        settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: "300" },
        onProgress: (message) => console.log(message),
      });
      // Stryker's workers inherit it; tests/support/database-names.ts keeps each to its own names.
      process.env.TEST_DATABASE_SERVER_URL = withDatabaseName(embedded.url, "postgres");
    },
    async stop() {
      await embedded?.stop();
    },
  };
}

async function mutationTest(module: MutationModule, options: { concurrency: number; force: boolean }) {
  // Read by tests/mutation/vitest.config.ts and module-loads.mutation.ts in Stryker's workers.
  process.env.MUTATION_TEST_FILES = testFilesOf(module).join(",");
  process.env.MUTATION_MODULE_FILE = module.file;
  return new Stryker(strykerOptions(module, options.concurrency, options.force)).runMutationTest();
}

await runCli(USAGE, async (args) => {
  const modules = selectedModules(args);
  const concurrency = intOption(args, "concurrency", 2);
  const threshold = intOption(args, "threshold", 85, 0);
  const force = args.includes("--force");
  mkdirSync(REPORT_DIR, { recursive: true });
  const database = testDatabaseServer();
  const runStarted = performance.now();

  const scores: ModuleScore[] = [];
  try {
    for (const [index, module] of modules.entries()) {
      const started = performance.now();
      const unchanged = force ? undefined : unchangedResults(module, STRYKER_VERSION);
      if (unchanged) {
        const score = scoreModule(module.name, unchanged, (performance.now() - started) / 1000, "unchanged");
        scores.push(score);
        console.log(`[${index + 1}/${modules.length}] ${module.name}: unchanged, ${score.score.toFixed(1)}%`);
        continue;
      }
      const how = force || !existsSync(incrementalFileOf(module)) ? "every mutant" : "what changed";
      console.log(
        `\n[${index + 1}/${modules.length}] ${module.name}: re-testing ${how} with ${module.tests.join(", ")}`,
      );
      await database.ensureStarted();
      const results = await mutationTest(module, { concurrency, force });
      const score = scoreModule(module.name, results, (performance.now() - started) / 1000);
      scores.push(score);
      console.log(`${module.name}: ${score.score.toFixed(1)}% in ${score.seconds.toFixed(0)} s`);
    }
  } finally {
    await database.stop();
  }

  console.log(`\n${scoreTable(scores)}`);
  const survivors = scores.flatMap(survivorLines);
  if (survivors.length > 0) console.log(`\nSurvivors and uncovered mutants:\n${survivors.join("\n")}`);
  writeFileSync(join(REPORT_DIR, "summary.json"), `${JSON.stringify(scores, null, 2)}\n`);
  const retested = scores.filter((score) => score.source === "stryker").map((score) => score.module);
  console.log(`\nHTML reports (of re-tested modules) and summary.json in ${REPORT_DIR}/`);
  console.log(
    `${scores.length} modules in ${((performance.now() - runStarted) / 1000).toFixed(0)} s: ` +
      `${scores.length - retested.length} unchanged, ${retested.length} re-tested` +
      (retested.length > 0 ? ` (commit their reports: git add ${INCREMENTAL_DIR})` : ""),
  );
  if (PENDING_MODULES.length > 0) {
    console.log(
      `${PENDING_MODULES.length} business-rule modules are not yet held to ${threshold}% ` +
        `(PENDING_MODULES in tests/mutation/mutation-modules.ts): ${PENDING_MODULES.map((module) => module.name).join(", ")}`,
    );
  }
  const below = scores.filter((score) => score.score < threshold);
  if (below.length > 0) {
    console.log(`Under ${threshold}%: ${below.map((score) => score.module).join(", ")}`);
    return 1;
  }
  return 0;
});
