// `npm run retention`: applies the data retention periods (docs/data-lifecycle.md).

import { parseArgs } from "node:util";
import { systemClock } from "../clock/clock.ts";
import { loadEnvironment } from "../config/environment.ts";
import { openDatabaseForCommand } from "../db/local-database.ts";
import { createDatabaseClient } from "../db/prisma-client.ts";
import { RETENTION_JOBS, type RetentionJobName } from "../retention/retention-jobs.ts";
import { runRetentionJobs } from "../retention/run-all-retention-jobs.ts";
import { createStorage } from "../storage/create-storage.ts";
import { runCli } from "./run-cli.ts";

const USAGE = `
Usage: npm run retention -- [--job <name>]... [--dry-run] [--batch-size <n>]

Applies the retention periods:
  users       accounts closed 30+ days ago: erased (hard-deleted, or anonymised where a
              legal hold keeps records that point at them)
  listings    listings with no activity for a year: archived
  audit-logs  audit rows older than 7 years: purged (the hash chain stays verifiable)
  financials  financial figures for periods ended 6+ years ago, and valuations 6+ years old: deleted
  expired-records
              a day after they stop mattering: rate-limit hits, idempotency keys, ended
              sessions, spent or expired e-mail tokens; sent e-mails after 30 days: deleted

Without --job, runs all five. Works in short batches (one transaction each), so it can be
stopped at any time and run again: it carries on where it stopped and never repeats work.
--dry-run reports how many rows each job would touch and changes nothing.

Exit codes: 0 done, 1 failed, 2 bad usage.
Database: DATABASE_URL when set, otherwise the embedded PostgreSQL.
`;

await runCli(USAGE, async (argv) => {
  let values: { job?: string[]; "dry-run"?: boolean; "batch-size"?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        job: { type: "string", multiple: true },
        "dry-run": { type: "boolean" },
        "batch-size": { type: "string" },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const jobs = values.job ?? [...RETENTION_JOBS];
  const unknown = jobs.filter((job) => !(RETENTION_JOBS as readonly string[]).includes(job));
  const batchSize = values["batch-size"] === undefined ? undefined : Number(values["batch-size"]);
  if (unknown.length > 0 || (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))) {
    process.stderr.write(
      unknown.length > 0
        ? `Unknown job: ${unknown.join(", ")}.\n${USAGE}`
        : `--batch-size must be a positive integer.\n`,
    );
    return 2;
  }

  const environment = loadEnvironment();
  const database = await openDatabaseForCommand(environment);
  const { prisma } = createDatabaseClient(database.databaseUrl);
  try {
    const results = await runRetentionJobs(prisma, createStorage(environment), jobs as RetentionJobName[], {
      clock: systemClock,
      dryRun: values["dry-run"] ?? false,
      ...(batchSize ? { batchSize } : {}),
      onProgress: ({ job, processed, batches }) =>
        process.stderr.write(`\r${job}: ${processed} rows in ${batches} batches`),
    });
    process.stderr.write("\n");
    for (const result of results) {
      const verb = result.dryRun ? "would touch" : "touched";
      const details = result.details
        ? ` (${Object.entries(result.details)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")})`
        : "";
      process.stdout.write(
        `${result.job}: ${verb} ${result.processed} rows due before ${result.cutoff}${details}; ` +
          `${result.batches} batches, longest ${result.longestBatchMs} ms\n`,
      );
    }
    return 0;
  } finally {
    await prisma.$disconnect();
    await database.embedded?.stop();
  }
});
