// What `sst deploy` ships and how fast it starts: the API and migrator bundled as SST bundles
// them (infra/lib/lambda-bundle.ts), their files and zipped sizes, and the API's cold start (a
// fresh Node process: import the bundle, answer one API Gateway event for a listing, against an
// embedded PostgreSQL) against a minimal raw-pg handler for the same listing, bundled the same
// way and measured in the same run. Medians of N runs.
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { deflateRawSync } from "node:zlib";
import pg from "pg";
import { runCli } from "../functions/cli/run-cli.ts";
import { applyMigrations } from "../functions/db/apply-migrations.ts";
import { withCredentials } from "../functions/db/database-roles.ts";
import { withDatabaseName } from "../functions/db/database-url.ts";
import { createDatabaseClient } from "../functions/db/prisma-client.ts";
import { bundleFunction } from "../infra/lib/lambda-bundle.ts";
import { seedWithDevelopmentPassword } from "../prisma/seed/seed-with-password.ts";
import { apiGatewayEvent, type BundleRun, invokeBundle } from "../tests/support/invoke-lambda-bundle.ts";
import { intOption, openBenchServer } from "./bench-server.ts";
import { type BenchMeasure, reportBenchResults } from "./support/bench-results.ts";

const USAGE = `
Usage: npm run bench:lambda [-- --runs N]

Bundles the API (functions/api/lambda.ts) and the migrator (functions/jobs/migrator-handler.ts)
as \`sst deploy\` does, lists the files each must ship with their sizes and the zipped total
(deflate, as in the zip Lambda receives; @node-rs/argon2's native module, which SST installs
for arm64 beside the code, is counted apart), then measures the API's cold start: a fresh Node
process imports the bundle and answers one API Gateway event, GET /businesses/{id}, against an
embedded PostgreSQL (in .data/bench-lambda, or BENCH_DATABASE_URL's server). Baseline in the
same run: a minimal raw-pg handler answering the same request, bundled the same way. Prints
the medians of N runs (default 10), where the time goes, and the ratio. Targets (issue 12):
API under 3 MB zipped; cold start under 250 ms.
`;

const DATABASE = "bench_lambda";
const ROOT = join(import.meta.dirname, "..");
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function filesOf(dir: string): Promise<{ path: string; bytes: number; zipped: number }[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(
    files.map(async (path) => {
      const content = await readFile(path);
      // Each zip entry: its deflated bytes plus a local header and a central directory record.
      return {
        path: relative(dir, path),
        bytes: content.length,
        zipped: deflateRawSync(content, { level: 9 }).length + 100,
      };
    }),
  );
}

function printFiles(label: string, files: Awaited<ReturnType<typeof filesOf>>) {
  const total = files.reduce((sum, file) => sum + file.zipped, 0);
  const raw = files.reduce((sum, file) => sum + file.bytes, 0);
  console.log(`${label}: ${files.length} files, ${(raw / 1e6).toFixed(2)} MB, ${(total / 1e6).toFixed(2)} MB zipped`);
  const shown = [...files].sort((a, b) => b.bytes - a.bytes);
  for (const file of shown.slice(0, 6)) {
    console.log(`  ${file.path.padEnd(58)} ${(file.bytes / 1e6).toFixed(2).padStart(6)} MB`);
  }
  if (shown.length > 6) console.log(`  ... and ${shown.length - 6} more (the migrations' SQL)`);
  return total;
}

await runCli(USAGE, async (args) => {
  const runs = intOption(args, "runs", 10);
  const work = await mkdtemp(join(tmpdir(), "exitmatch-bench-lambda-"));
  const server = await openBenchServer(".data/bench-lambda");
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    process.stderr.write("bundling the API, the migrator and the raw-pg baseline...\n");
    const dirs = { api: join(work, "api"), migrator: join(work, "migrator"), raw: join(work, "raw") };
    const api = await bundleFunction("api", "functions/api/lambda.ts", dirs.api, ROOT);
    await bundleFunction("migrator", "functions/jobs/migrator-handler.ts", dirs.migrator, ROOT);
    const raw = await bundleFunction("job", "bench/lambda/raw-pg-handler.ts", dirs.raw, ROOT);

    const apiZipped = printFiles("API", await filesOf(dirs.api));
    printFiles("Migrator", await filesOf(dirs.migrator));
    printFiles("Raw-pg baseline", await filesOf(dirs.raw));
    const argon2 = await stat(
      join(
        ROOT,
        "node_modules/@node-rs",
        `argon2-${process.platform}-${process.arch}-gnu`,
        `argon2.${process.platform}-${process.arch}-gnu.node`,
      ),
    ).then(
      (found) => found.size,
      () => undefined,
    );
    if (argon2) {
      console.log(
        `  + @node-rs/argon2's native module, installed by SST for arm64: ${(argon2 / 1e6).toFixed(2)} MB here (${process.arch}); loaded on the first password check only`,
      );
    }
    console.log(
      `API zipped: ${(apiZipped / 1e6).toFixed(2)} MB (target < 3 MB): ${apiZipped < 3e6 ? "met" : "NOT met"}`,
    );

    process.stderr.write("preparing the database (migrate, seed)...\n");
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
    const url = withDatabaseName(server.url, DATABASE);
    await applyMigrations(url);
    const { prisma } = createDatabaseClient(url, { maxConnections: 1 });
    let listing: string;
    try {
      await seedWithDevelopmentPassword(prisma);
      listing = (await prisma.business.findFirstOrThrow({ where: { status: "PUBLISHED", isConfidential: false } })).id;
    } finally {
      await prisma.$disconnect();
    }
    const login = { name: "bench_lambda_app", password: "bench-lambda-password" };
    await admin.query(`DROP ROLE IF EXISTS ${login.name}`).catch(() => {});
    await admin.query(`CREATE ROLE ${login.name} LOGIN PASSWORD '${login.password}' IN ROLE exitmatch_app`);
    const appUrl = withCredentials(url, login.name, login.password);
    const environment = {
      NODE_ENV: "production",
      DATABASE_URL: appUrl,
      JWT_SECRET: "bench-only-secret-of-at-least-32-characters",
      FIELD_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 1).toString("base64")}`,
      BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString("base64"),
      LOG_LEVEL: "error",
      // As deployed (infra/jobs.ts, infra/api.ts); the request measured sends no e-mail.
      MAILER: "ses",
      API_URL: "https://api.example.invalid",
    };
    const event = apiGatewayEvent("GET", `/businesses/${listing}`);

    const measure = async (label: string, dir: string, bundle: string) => {
      const results: BundleRun[] = [];
      for (let run = 1; run <= runs; run += 1) {
        process.stderr.write(`${label}: cold start ${run}/${runs}\r`);
        const result = await invokeBundle(dir, bundle, environment, [event]);
        if (result.responses[0]?.statusCode !== 200) {
          throw new Error(`${label} answered ${result.responses[0]?.statusCode}: ${result.responses[0]?.body}`);
        }
        results.push(result);
      }
      process.stderr.write("\n");
      return {
        importMs: median(results.map((result) => result.importMs)),
        firstResponseMs: median(results.map((result) => result.answeredMs[0]!)),
        wallMs: median(results.map((result) => result.wallMs)),
      };
    };
    // Alternating would not change a cold start; the baseline first, then the API.
    const baseline = await measure("raw pg", dirs.raw, raw);
    const measured = await measure("API", dirs.api, api);
    const line = (label: string, result: typeof baseline) =>
      console.log(
        `${label.padEnd(16)} first response ${result.firstResponseMs.toFixed(0).padStart(4)} ms after process start ` +
          `(import ${result.importMs.toFixed(0)} ms, request ${(result.firstResponseMs - result.importMs).toFixed(0)} ms; ` +
          `launch to exit ${result.wallMs.toFixed(0)} ms)`,
      );
    console.log(`Cold start, median of ${runs} (GET /businesses/{id}, fresh Node ${process.version} process):`);
    line("raw pg", baseline);
    line("API", measured);
    console.log(
      `Ratio API / raw pg: ${(measured.firstResponseMs / baseline.firstResponseMs).toFixed(2)}x; ` +
        `API ${measured.firstResponseMs < 250 ? "meets" : "misses"} the 250 ms target ` +
        `(${(measured.firstResponseMs - baseline.firstResponseMs).toFixed(0)} ms above the floor any Node + pg function pays here)`,
    );
    const measures: BenchMeasure[] = [
      {
        measure: "Lambda API bundle, zipped",
        project: `${(apiZipped / 1e6).toFixed(2)} MB`,
        baseline: "",
        ratio: null,
        target: "< 3 MB",
        met: apiZipped < 3e6,
      },
      {
        measure: "Lambda cold start to first response",
        project: `${measured.firstResponseMs.toFixed(0)} ms`,
        baseline: `${baseline.firstResponseMs.toFixed(0)} ms`,
        ratio: measured.firstResponseMs / baseline.firstResponseMs,
        target: "< 250 ms",
        met: measured.firstResponseMs < 250,
      },
    ];
    reportBenchResults("lambda", measures, (text) => console.log(text));
    return measures.every((m) => m.met) ? 0 : 1;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
});
