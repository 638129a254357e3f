// The API: functions/api/lambda.ts behind an HTTP API (API Gateway v2), on the pooled database
// URL only, allowed the documents bucket's objects and nothing else.
import { databasePooled } from "./database.ts";
import { lambdaDefaults } from "./lambda.ts";
import { deployConfig } from "./lib/deploy-config.ts";
import { migration } from "./migrator.ts";
import { appSecrets } from "./secrets.ts";
import { documents } from "./storage.ts";

const config = deployConfig($app.stage);

const defaults = lambdaDefaults("api");

export const apiFunction = new sst.aws.Function(
  "Api",
  {
    ...defaults,
    handler: "functions/api/lambda.handler",
    link: [databasePooled, ...appSecrets],
    // The documents bucket's objects: read, write, delete; nothing on the bucket itself.
    permissions: [
      {
        actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        resources: [$interpolate`${documents.arn}/*`],
      },
    ],
    memory: "1024 MB",
    timeout: "29 seconds",
    environment: {
      ...defaults.environment,
      STORAGE_DRIVER: "s3",
      S3_BUCKET: documents.name,
      S3_REGION: "eu-west-2",
      CORS_ORIGINS: config.frontendOrigin,
      APP_URL: config.frontendOrigin,
      // The API queues e-mails and never sends one; the mailer's settings are checked at start all the same.
      API_URL: config.apiOrigin,
      MAILER: "ses",
      MAIL_FROM: config.mailFrom,
    },
  },
  // The new code goes live only once the migrations it expects have been applied.
  migration ? { dependsOn: [migration] } : undefined,
);

export const api = new sst.aws.ApiGatewayV2("HttpApi", {
  cors: {
    allowOrigins: [config.frontendOrigin],
    allowHeaders: ["Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-Id"],
    exposeHeaders: ["ETag", "X-Request-Id", "Retry-After"],
    allowCredentials: true,
  },
  accessLog: { retention: defaults.logging.retention },
});
api.route("$default", apiFunction.arn);
