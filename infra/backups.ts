// Backups, as the guide asks: point-in-time recovery (Neon's history retention, set per stage in
// infra/database.ts), a daily snapshot as a Neon branch rotated 7 daily / 4 weekly / 12 monthly,
// and a daily logical backup off Neon, to S3 under Object Lock (infra/storage.ts). Each reports a
// success metric; an alarm fires when a day passes without one (infra/alarms.ts). Production and
// staging only: previews hold masked copies that are rebuilt, not restored.
import { database } from "./database.ts";
import { lambdaDefaults } from "./lambda.ts";
import { hasBackups } from "./lib/stage.ts";
import { secrets } from "./secrets.ts";
import { backups as backupsBucket } from "./storage.ts";

function snapshots() {
  const fn = new sst.aws.Function("Snapshot", {
    ...lambdaDefaults("job"),
    handler: "functions/jobs/snapshot-handler.handler",
    link: [secrets.neonApiKey],
    timeout: "5 minutes",
    environment: {
      ...lambdaDefaults("job").environment,
      NEON_PROJECT_ID: database.projectId,
      NEON_BRANCH_ID: database.branchId,
    },
  });
  new sst.aws.Cron("SnapshotSchedule", { schedule: "cron(0 2 * * ? *)", function: fn.arn });
  return fn;
}

/**
 * The logical backup needs pg_dump 15+, which Lambda lacks: it runs as a scheduled Fargate task
 * from infra/ops.Dockerfile (Node 22 on Debian 12 with postgresql-client-15 and this repository),
 * running `npm run ops -- backup` and `backup rotate` against the direct URL, into the locked
 * bucket. The task's image is built by `sst deploy` (Docker on the deploying machine).
 */
function logicalBackups(bucket: aws.s3.BucketV2) {
  const directUrlParameter = new aws.ssm.Parameter("DirectUrlParameter", {
    type: "SecureString",
    value: database.direct,
  });
  const vpc = new sst.aws.Vpc("OpsVpc", { nat: undefined });
  const cluster = new sst.aws.Cluster("OpsCluster", { vpc });
  const task = new sst.aws.Task("LogicalBackup", {
    cluster,
    architecture: "arm64",
    cpu: "0.5 vCPU",
    memory: "1 GB",
    storage: "40 GB",
    image: { context: ".", dockerfile: "infra/ops.Dockerfile" },
    command: ["sh", "-c", "npm run ops -- backup && npm run ops -- backup rotate"],
    // The direct URL from a SecureString parameter, injected when the container starts: never in
    // the task definition or its environment as plain text.
    ssm: { DIRECT_URL: directUrlParameter.arn },
    environment: {
      NODE_ENV: "production",
      BACKUP_LOCATION: $interpolate`s3://${bucket.bucket}/${$app.stage}`,
      EXITMATCH_REPORT_JOB: "backup",
    },
    permissions: [
      {
        actions: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:ListBucket"],
        resources: [bucket.arn, $interpolate`${bucket.arn}/*`],
      },
    ],
  });
  new sst.aws.Cron("LogicalBackupSchedule", { schedule: "cron(30 2 * * ? *)", task });
  return task;
}

export const snapshot = hasBackups($app.stage) ? snapshots() : undefined;
export const logicalBackup = backupsBucket ? logicalBackups(backupsBucket) : undefined;
