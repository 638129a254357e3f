// Stage decisions as plain functions, so they can be tested without SST or AWS.

/** Stages whose data must survive a mistaken `sst remove`. */
const PROTECTED_STAGES = new Set(["production"]);

export function isProtectedStage(stage: string): boolean {
  return PROTECTED_STAGES.has(stage);
}

/** Production keeps its resources (database, buckets) on removal; every other stage cleans up. */
export function removalPolicy(stage: string): "retain" | "remove" {
  return isProtectedStage(stage) ? "retain" : "remove";
}

/** PR preview stages (`pr-123`) get their own Neon database branch, created and deleted with them. */
export function isPreviewStage(stage: string): boolean {
  return /^pr-\d+$/.test(stage);
}
