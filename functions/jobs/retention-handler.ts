// The retention jobs as a function a scheduler calls (an EventBridge cron in the cloud, daily).
// The event may name jobs and ask for a dry run: { "jobs": ["users"], "dryRun": true }.
import { z } from "zod";
import { type Clock, systemClock } from "../clock/clock.ts";
import { loadEnvironment } from "../config/environment.ts";
import { linkedEnvironment } from "../config/linked-resources.ts";
import { createDatabaseClient } from "../db/prisma-client.ts";
import { RETENTION_JOBS } from "../retention/retention-jobs.ts";
import { runRetentionJobs } from "../retention/run-all-retention-jobs.ts";
import { createStorage } from "../storage/create-storage.ts";
import { runReported } from "./job-report.ts";

const EventSchema = z
  .object({ jobs: z.array(z.enum(RETENTION_JOBS)).min(1).optional(), dryRun: z.boolean().optional() })
  .passthrough();

/** The scheduled function, reading "now" from `clock` (tests pass a fixed one). */
export function createRetentionHandler(clock: Clock) {
  return async (event: unknown = {}) =>
    runReported("retention", async () => {
      const { jobs, dryRun } = EventSchema.parse(event ?? {});
      const environment = loadEnvironment(linkedEnvironment());
      const { prisma } = createDatabaseClient(environment.DATABASE_URL, { maxConnections: 2 });
      try {
        const results = await runRetentionJobs(prisma, createStorage(environment), jobs, {
          clock,
          dryRun: dryRun ?? false,
          onProgress: (progress) => console.log(JSON.stringify({ event: "retention_progress", ...progress })),
        });
        console.log(JSON.stringify({ event: "retention_done", results }));
        return { results };
      } finally {
        await prisma.$disconnect();
      }
    });
}

export const handler = createRetentionHandler(systemClock);
