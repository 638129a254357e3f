// Scheduled jobs of every stage: e-mail delivery from the outbox (every minute), the retention
// jobs (daily), and the check of both hash chains (daily). Each reports success or failure as a
// metric (functions/jobs/job-report.ts) that infra/alarms.ts watches.
import { databasePooled } from "./database.ts";
import { lambdaDefaults } from "./lambda.ts";
import { deployConfig } from "./lib/deploy-config.ts";
import { appSecrets } from "./secrets.ts";
import { documents } from "./storage.ts";

const config = deployConfig($app.stage);

function job(name: string, handler: string, extra: { timeout?: "1 minute" | "15 minutes"; documents?: boolean } = {}) {
  const defaults = lambdaDefaults("job");
  return new sst.aws.Function(name, {
    ...defaults,
    handler,
    link: [databasePooled, ...appSecrets],
    memory: "512 MB",
    timeout: extra.timeout ?? "15 minutes",
    environment: {
      ...defaults.environment,
      APP_URL: config.frontendOrigin,
      STORAGE_DRIVER: "s3",
      S3_BUCKET: documents.name,
    },
    // Only retention removes files (an erased person's uploads).
    permissions: extra.documents
      ? [{ actions: ["s3:DeleteObject"], resources: [$interpolate`${documents.arn}/*`] }]
      : [],
  });
}

export const outboxDispatcher = job("OutboxDispatcher", "functions/jobs/outbox-handler.handler", {
  timeout: "1 minute",
});
export const retention = job("Retention", "functions/jobs/retention-handler.handler", { documents: true });
export const auditVerify = job("AuditVerify", "functions/jobs/audit-verify-handler.handler");

new sst.aws.Cron("OutboxSchedule", { schedule: "rate(1 minute)", function: outboxDispatcher.arn });
new sst.aws.Cron("RetentionSchedule", { schedule: "cron(0 3 * * ? *)", function: retention.arn });
new sst.aws.Cron("AuditVerifySchedule", { schedule: "cron(30 4 * * ? *)", function: auditVerify.arn });
