// The daily snapshot of the database as a Neon branch, rotated 7 daily / 4 weekly / 12 monthly
// (infra/backups.ts schedules it). Reports JobSucceeded for the "no backup in 26 hours" alarm.
import { systemClock } from "../clock/clock.ts";
import { linkedValue } from "../config/linked-resources.ts";
import { NeonHttpApi } from "../neon/neon-api.ts";
import { takeSnapshot } from "../neon/take-snapshot.ts";
import { runReported } from "./job-report.ts";

export async function handler() {
  return runReported("snapshot", async () => {
    const apiKey = linkedValue("NeonApiKey", "value") ?? process.env.NEON_API_KEY;
    const projectId = process.env.NEON_PROJECT_ID;
    const branchId = process.env.NEON_BRANCH_ID;
    if (!apiKey || !projectId || !branchId) {
      throw new Error("The snapshot job needs the NeonApiKey secret, NEON_PROJECT_ID and NEON_BRANCH_ID.");
    }
    // NEON_API_URL: another address for Neon's API (a proxy; the tests' local stand-in).
    const neon = new NeonHttpApi(apiKey, process.env.NEON_API_URL ?? undefined);
    const report = await takeSnapshot({ neon, clock: systemClock }, { projectId, branchId });
    console.log(JSON.stringify({ event: "snapshot_taken", ...report }));
    return report;
  });
}
