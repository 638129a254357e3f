// Backups, as the guide asks: point-in-time recovery (Neon's history retention, set per stage in
// infra/database.ts), a daily snapshot as a Neon branch rotated 7 daily / 4 weekly / 12 monthly,
// and a daily logical backup off Neon, to S3 under Object Lock (infra/storage.ts), rotated the
// same way. Each reports a success metric; an alarm fires when 26 hours pass without one
// (infra/alarms.ts). Production and staging only: previews hold masked copies that are rebuilt.
import { database } from "./database.ts";
import { lambdaDefaults } from "./lambda.ts";
import { hasBackups } from "./lib/stage.ts";
import { OPS_IMAGE, opsCluster, taskLogGroup, taskSecrets } from "./ops-cluster.ts";
import { secrets } from "./secrets.ts";
import { backups as backupsBucket } from "./storage.ts";

function snapshots() {
  const defaults = lambdaDefaults("job");
  const fn = new sst.aws.Function("Snapshot", {
    ...defaults,
    handler: "functions/jobs/snapshot-handler.handler",
    link: [secrets.neonApiKey],
    timeout: "5 minutes",
    environment: {
      ...defaults.environment,
      NEON_PROJECT_ID: database.projectId,
      NEON_BRANCH_ID: database.branchId,
    },
  });
  new sst.aws.Cron("SnapshotSchedule", { schedule: "cron(0 2 * * ? *)", function: fn.arn });
  return fn;
}

/**
 * The logical backup needs pg_dump 15+, which Lambda lacks: a scheduled Fargate task from the
 * operations image runs `npm run ops -- backup` and `backup rotate` against the direct URL.
 */
function logicalBackups(bucket: aws.s3.Bucket, cluster: sst.aws.Cluster) {
  const task = new sst.aws.Task("LogicalBackup", {
    cluster,
    architecture: "arm64",
    cpu: "0.5 vCPU",
    memory: "1 GB",
    storage: "40 GB",
    image: OPS_IMAGE,
    command: ["sh", "-c", "npm run ops -- backup && npm run ops -- backup rotate"],
    ...taskSecrets("LogicalBackup", { DIRECT_URL: database.direct }),
    environment: {
      NODE_ENV: "production",
      SST_STAGE: $app.stage,
      BACKUP_LOCATION: $interpolate`s3://${bucket.bucket}/${$app.stage}`,
      EXITMATCH_REPORT_JOB: "backup",
    },
    logging: { name: LOGICAL_BACKUP_LOG_GROUP, retention: "3 months" },
    permissions: [
      { actions: ["s3:ListBucket"], resources: [bucket.arn] },
      { actions: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"], resources: [$interpolate`${bucket.arn}/*`] },
    ],
  });
  new sst.aws.Cron("LogicalBackupSchedule", { schedule: "cron(30 2 * * ? *)", task });
  return task;
}

/** Where the logical backup's task logs (its success metric is counted there: infra/alarms.ts). */
export const LOGICAL_BACKUP_LOG_GROUP = taskLogGroup("logical-backup");

export const snapshot = hasBackups($app.stage) ? snapshots() : undefined;
export const logicalBackup = backupsBucket && opsCluster ? logicalBackups(backupsBucket, opsCluster) : undefined;
