// Stage decisions as plain functions, so they can be tested without SST or AWS.

export type StageKind = "production" | "staging" | "preview" | "personal";

/** production and staging by name; `pr-<number>` previews; anything else is someone's own stage. */
export function stageKind(stage: string): StageKind {
  if (stage === "production") return "production";
  if (stage === "staging") return "staging";
  if (isPreviewStage(stage)) return "preview";
  return "personal";
}

/** Stages whose data must survive a mistaken `sst remove`. */
export function isProtectedStage(stage: string): boolean {
  return stageKind(stage) === "production";
}

/** Production keeps its resources (database, buckets) on removal; every other stage cleans up. */
export function removalPolicy(stage: string): "retain" | "remove" {
  return isProtectedStage(stage) ? "retain" : "remove";
}

/** PR preview stages (`pr-123`) get their own Neon database branch, created and deleted with them. */
export function isPreviewStage(stage: string): boolean {
  return /^pr-\d+$/.test(stage);
}

/** Stages with a database branch of their own, created and removed with the stage. */
export function ownsDatabaseBranch(stage: string): boolean {
  return stageKind(stage) === "preview" || stageKind(stage) === "personal";
}

/**
 * How far back Neon can restore (point-in-time recovery, its "history retention"), per stage:
 * production 30 days (the guide asks for PITR; a month covers a problem noticed late), staging a
 * week, previews and personal stages one day (they hold masked copies only).
 */
export function historyRetentionSeconds(stage: string): number {
  const days = { production: 30, staging: 7, preview: 1, personal: 1 }[stageKind(stage)];
  return days * 24 * 60 * 60;
}

/** Backups and their schedules run where the data is real: production and staging. */
export function hasBackups(stage: string): boolean {
  return stageKind(stage) === "production" || stageKind(stage) === "staging";
}

/** How long CloudWatch keeps a stage's logs (SST's names for CloudWatch's periods). */
export function logRetention(stage: string): "13 months" | "1 month" | "1 week" {
  return ({ production: "13 months", staging: "1 month", preview: "1 week", personal: "1 week" } as const)[
    stageKind(stage)
  ];
}
