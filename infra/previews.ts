// The anonymised base branch every preview database is branched from (infra/database.ts), kept
// fresh from production once a week by `npm run previews -- refresh-base`
// (functions/previews/refresh-preview-base.ts): production is branched and masked inside its own
// Neon project, and only the masked copy is restored into the previews project. A Fargate task
// from the operations image (it needs pg_dump and pg_restore); production only.
import { deployConfig } from "./lib/deploy-config.ts";
import { stageKind } from "./lib/stage.ts";
import { OPS_IMAGE, opsCluster, taskLogGroup, taskSecrets } from "./ops-cluster.ts";
import { secrets } from "./secrets.ts";

/** Where the refresh task logs (its outcome metrics are counted there: infra/alarms.ts). */
export const PREVIEW_BASE_REFRESH_LOG_GROUP = taskLogGroup("preview-base-refresh");

function baseRefresh(cluster: sst.aws.Cluster) {
  const config = deployConfig($app.stage);
  // The preview stages' own keys and password (set the same values as the previews' secrets:
  // docs/deploy.md). Never production's: masked values are encrypted under these.
  const preview = {
    keys: new sst.Secret("PreviewFieldEncryptionKeys"),
    blindIndexKey: new sst.Secret("PreviewBlindIndexKey"),
    password: new sst.Secret("PreviewPassword"),
  };
  const task = new sst.aws.Task("PreviewBaseRefresh", {
    cluster,
    architecture: "arm64",
    cpu: "1 vCPU",
    memory: "2 GB",
    storage: "40 GB",
    image: OPS_IMAGE,
    command: ["npm", "run", "previews", "--", "refresh-base"],
    ...taskSecrets("PreviewBaseRefresh", {
      NEON_API_KEY: secrets.neonApiKey.value,
      PREVIEW_FIELD_ENCRYPTION_KEYS: preview.keys.value,
      PREVIEW_BLIND_INDEX_KEY: preview.blindIndexKey.value,
      PREVIEW_PASSWORD: preview.password.value,
    }),
    environment: {
      NODE_ENV: "production",
      SST_STAGE: $app.stage,
      NEON_PRODUCTION_PROJECT_ID: config.neonProjectId!,
      NEON_PRODUCTION_BRANCH_ID: config.neonBranchId!,
      NEON_PREVIEW_PROJECT_ID: config.neonPreviewProjectId!,
      NEON_PREVIEW_BASE_BRANCH: config.previewBaseBranch,
    },
    logging: { name: PREVIEW_BASE_REFRESH_LOG_GROUP, retention: "3 months" },
  });
  // Sundays 05:00 UTC, after the nightly backups and jobs.
  new sst.aws.Cron("PreviewBaseSchedule", { schedule: "cron(0 5 ? * SUN *)", task });
  return task;
}

export const previewBaseRefresh =
  stageKind($app.stage) === "production" && opsCluster ? baseRefresh(opsCluster) : undefined;
