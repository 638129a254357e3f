// Scheduled jobs of every stage: e-mail delivery from the outbox (every minute), the audit
// sealer (every minute, sealing each second), the retention jobs (daily), and the check of both
// hash chains (daily). Each reports success or failure as a
// metric (functions/jobs/job-report.ts) that infra/alarms.ts watches.
import { databasePooled } from "./database.ts";
import { lambdaDefaults } from "./lambda.ts";
import { deployConfig } from "./lib/deploy-config.ts";
import { appSecrets } from "./secrets.ts";
import { auditAnchors, documents } from "./storage.ts";

const config = deployConfig($app.stage);
/** The domain of the sender address: "notifications@exitmatch.co.uk" sends as exitmatch.co.uk. */
const senderDomain = config.mailFrom.replace(/^.*@/, "").replace(/>.*$/, "");

function job(
  name: string,
  handler: string,
  extra: {
    timeout?: "1 minute" | "15 minutes";
    documents?: boolean;
    sendsEmail?: boolean;
    /** "write": creates audit anchors (the sealer); "read": lists them (the verifier). */
    auditAnchors?: "write" | "read";
  } = {},
) {
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
      API_URL: config.apiOrigin,
      MAILER: "ses",
      MAIL_FROM: config.mailFrom,
      STORAGE_DRIVER: "s3",
      S3_BUCKET: documents.name,
      ...(extra.auditAnchors && auditAnchors ? { AUDIT_ANCHOR_BUCKET: auditAnchors.bucket } : {}),
    },
    // Only retention removes files (an erased person's uploads); only the outbox sends e-mail,
    // and only from the sender's domain identity.
    permissions: [
      ...(extra.documents ? [{ actions: ["s3:DeleteObject"], resources: [$interpolate`${documents.arn}/*`] }] : []),
      ...(extra.sendsEmail
        ? [{ actions: ["ses:SendEmail"], resources: [`arn:aws:ses:eu-west-2:*:identity/${senderDomain}`] }]
        : []),
      // The sealer creates anchors (checking first that one is not there) and never deletes;
      // the verifier only lists. Object Lock stops even a leaked key from rewriting them.
      ...(extra.auditAnchors && auditAnchors
        ? [
            { actions: ["s3:ListBucket"], resources: [auditAnchors.arn] },
            ...(extra.auditAnchors === "write"
              ? [{ actions: ["s3:PutObject", "s3:GetObject"], resources: [$interpolate`${auditAnchors.arn}/*`] }]
              : []),
          ]
        : []),
    ],
  });
}

export const outboxDispatcher = job("OutboxDispatcher", "functions/jobs/outbox-handler.handler", {
  timeout: "1 minute",
  sendsEmail: true,
});
export const retention = job("Retention", "functions/jobs/retention-handler.handler", { documents: true });
export const auditVerify = job("AuditVerify", "functions/jobs/audit-verify-handler.handler", { auditAnchors: "read" });
/** Chains new audit rows every second for a minute at a time (functions/jobs/audit-seal-handler.ts). */
export const auditSealer = job("AuditSealer", "functions/jobs/audit-seal-handler.handler", {
  timeout: "1 minute",
  auditAnchors: "write",
});

new sst.aws.Cron("OutboxSchedule", { schedule: "rate(1 minute)", function: outboxDispatcher.arn });
new sst.aws.Cron("RetentionSchedule", { schedule: "cron(0 3 * * ? *)", function: retention.arn });
new sst.aws.Cron("AuditSealSchedule", { schedule: "rate(1 minute)", function: auditSealer.arn });
new sst.aws.Cron("AuditVerifySchedule", { schedule: "cron(30 4 * * ? *)", function: auditVerify.arn });
