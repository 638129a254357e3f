import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import {
  RETENTION_JOBS,
  type RetentionJobName,
  type RetentionOptions,
  type RetentionResult,
  runRetentionJob,
} from "./retention-jobs.ts";

/** Runs the given retention jobs (all by default) one after another. */
export async function runRetentionJobs(
  prisma: PrismaClient,
  storage: ObjectStorage,
  jobs: readonly RetentionJobName[] = RETENTION_JOBS,
  options: RetentionOptions,
): Promise<RetentionResult[]> {
  const results: RetentionResult[] = [];
  for (const job of jobs) results.push(await runRetentionJob(prisma, storage, job, options));
  return results;
}
