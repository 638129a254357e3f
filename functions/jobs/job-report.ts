import { systemClock } from "../clock/clock.ts";

/**
 * A scheduled job's outcome as a CloudWatch metric, through the Embedded Metric Format: one JSON
 * log line that CloudWatch turns into the metric ExitMatch/JobSucceeded (or JobFailed) with the
 * job's name, no SDK call needed. The alarms in infra/alarms.ts watch these.
 */
export function reportJob(job: string, succeeded: boolean, now: Date = systemClock.now()) {
  const metric = succeeded ? "JobSucceeded" : "JobFailed";
  // Straight to stdout, one line: Lambda's console wrapper would prefix it and hide the JSON.
  process.stdout.write(
    `${JSON.stringify({
      _aws: {
        Timestamp: now.getTime(),
        CloudWatchMetrics: [
          { Namespace: "ExitMatch", Dimensions: [["Stage", "Job"]], Metrics: [{ Name: metric, Unit: "Count" }] },
        ],
      },
      Stage: process.env.SST_STAGE ?? "local",
      Job: job,
      [metric]: 1,
    })}\n`,
  );
}

/** Runs a job, reporting success or failure (and rethrowing, so the invocation fails too). */
export async function runReported<T>(job: string, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    reportJob(job, true);
    return result;
  } catch (error) {
    reportJob(job, false);
    throw error;
  }
}
