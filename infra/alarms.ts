// CloudWatch alarms. Every alarm notifies one SNS topic per stage (ALARM_EMAIL subscribes an
// address; anything else can subscribe to the topic), when it fires and when it clears, and its
// description names its runbook line in docs/operations.md ("Alarms"). The thresholds are the
// ones in that table; change both together.
import { api, apiFunction } from "./api.ts";
import { LOGICAL_BACKUP_LOG_GROUP, logicalBackup, snapshot } from "./backups.ts";
import { auditSealer, auditVerify, outboxDispatcher, retention } from "./jobs.ts";
import { deployConfig } from "./lib/deploy-config.ts";
import { migrator } from "./migrator.ts";
import { PREVIEW_BASE_REFRESH_LOG_GROUP, previewBaseRefresh } from "./previews.ts";

const config = deployConfig($app.stage);

/** Namespace of the metrics the app reports (functions/jobs/job-report.ts) and its log filters. */
const NAMESPACE = "ExitMatch";

type AlarmArgs = Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions" | "name" | "alarmDescription">;

/** Fires on any occurrence within five minutes; quiet periods (no data) are fine. */
const ANY_IN_FIVE_MINUTES = {
  statistic: "Sum",
  period: 300,
  evaluationPeriods: 1,
  threshold: 0,
  comparisonOperator: "GreaterThanThreshold",
  treatMissingData: "notBreaching",
} as const;

/** Every function of the stage, by the name its alarms carry. */
const functions: Record<string, sst.aws.Function> = {
  Api: apiFunction,
  Migrator: migrator,
  OutboxDispatcher: outboxDispatcher,
  Retention: retention,
  AuditVerify: auditVerify,
  AuditSealer: auditSealer,
  ...(snapshot ? { Snapshot: snapshot } : {}),
};

/** Jobs that report JobFailed when they fail (functions/jobs/job-report.ts). */
const failingJobs = [
  "outbox",
  "retention",
  "audit-verify",
  "audit-seal",
  ...(snapshot ? ["snapshot"] : []),
  ...(previewBaseRefresh ? ["preview-base"] : []),
];

/** Jobs that must report JobSucceeded at least once every 26 hours: the backups. */
const dailyJobs = [...(snapshot ? ["snapshot"] : []), ...(logicalBackup ? ["backup"] : [])];

/** Jobs run as container tasks: their reports are counted from their log groups. */
const tasks = [
  ...(logicalBackup ? [{ job: "backup", logGroup: LOGICAL_BACKUP_LOG_GROUP, task: logicalBackup }] : []),
  ...(previewBaseRefresh
    ? [{ job: "preview-base", logGroup: PREVIEW_BASE_REFRESH_LOG_GROUP, task: previewBaseRefresh }]
    : []),
];

function watch() {
  const topic = new aws.sns.Topic("Alarms");
  if (config.alarmEmail) {
    new aws.sns.TopicSubscription("AlarmsEmail", { topic: topic.arn, protocol: "email", endpoint: config.alarmEmail });
  }
  const alarms: aws.cloudwatch.MetricAlarm[] = [];
  const alarm = (name: string, runbook: string, args: AlarmArgs) => {
    const created = new aws.cloudwatch.MetricAlarm(`Alarm${name}`, {
      ...args,
      name: `exitmatch-${$app.stage}-${name}`,
      alarmDescription: `${runbook} Runbook: docs/operations.md, "Alarms", ${name}.`,
      alarmActions: [topic.arn],
      okActions: [topic.arn],
    });
    alarms.push(created);
    return created;
  };

  // The API, as clients see it (API Gateway's own metrics, so a Lambda that never answers counts).
  const apiDimensions = { ApiId: api.nodes.api.id, Stage: "$default" };
  alarm("Api5xxRate", "More than 5% of API requests failed with a 5xx over 10 minutes.", {
    comparisonOperator: "GreaterThanThreshold",
    threshold: 5,
    evaluationPeriods: 2,
    treatMissingData: "notBreaching",
    metricQueries: [
      {
        id: "errors",
        metric: { namespace: "AWS/ApiGateway", metricName: "5xx", dimensions: apiDimensions, period: 300, stat: "Sum" },
      },
      {
        id: "requests",
        metric: {
          namespace: "AWS/ApiGateway",
          metricName: "Count",
          dimensions: apiDimensions,
          period: 300,
          stat: "Sum",
        },
      },
      // Below 20 requests in 5 minutes a percentage means little: one failure would be 5%.
      { id: "rate", expression: "IF(requests >= 20, 100 * errors / requests, 0)", label: "5xx %", returnData: true },
    ],
  });
  alarm("ApiLatencyP99", "The API's p99 latency stayed above 2 s for 15 minutes.", {
    namespace: "AWS/ApiGateway",
    metricName: "Latency",
    dimensions: apiDimensions,
    extendedStatistic: "p99",
    period: 300,
    evaluationPeriods: 3,
    threshold: 2000,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
  });

  // Every function: errors (uncaught failures, timeouts, out of memory) and throttles. The
  // migrator's errors are a failed migration (the deploy stops there too).
  for (const [name, fn] of Object.entries(functions)) {
    const dimensions = { FunctionName: fn.nodes.function.name };
    const described = {
      Errors: `The ${name} function failed (an error, a timeout or out of memory).`,
      Throttles: `The ${name} function was throttled (concurrency limit reached).`,
    };
    for (const [metricName, description] of Object.entries(described)) {
      alarm(`${name}${metricName}`, description, {
        ...ANY_IN_FIVE_MINUTES,
        namespace: "AWS/Lambda",
        metricName,
        dimensions,
      });
    }
  }

  // A container task's report lines (functions/jobs/job-report.ts) become the same metrics
  // through filters on its log group: Embedded Metric Format is extracted from Lambda's logs only.
  for (const { job, logGroup, task } of tasks) {
    for (const outcome of ["JobSucceeded", "JobFailed"]) {
      new aws.cloudwatch.LogMetricFilter(
        `LogMetric-${job}-${outcome}`,
        {
          logGroupName: logGroup,
          pattern: `{ ($.Job = "${job}") && ($.${outcome} = 1) }`,
          metricTransformation: {
            name: outcome,
            namespace: NAMESPACE,
            value: "1",
            dimensions: { Stage: "$.Stage", Job: "$.Job" },
          },
        },
        { dependsOn: [task] },
      );
    }
  }

  // Scheduled jobs that failed, and backups that did not happen.
  for (const job of failingJobs) {
    alarm(`Job-${job}-Failed`, `The scheduled job "${job}" reported a failure.`, {
      ...ANY_IN_FIVE_MINUTES,
      namespace: NAMESPACE,
      metricName: "JobFailed",
      dimensions: { Stage: $app.stage, Job: job },
    });
  }
  for (const job of dailyJobs) {
    // 26 hourly periods with no success in any of them; a missing hour counts as no success.
    alarm(`Job-${job}-Missing`, `No successful "${job}" in 26 hours.`, {
      namespace: NAMESPACE,
      metricName: "JobSucceeded",
      dimensions: { Stage: $app.stage, Job: job },
      statistic: "Sum",
      period: 3600,
      evaluationPeriods: 26,
      datapointsToAlarm: 26,
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
    });
  }

  // From the structured logs: database connection failures, and login-failure bursts (the
  // security flags the API logs as it records them: functions/activity/record-activity.ts).
  const apiLogGroup = apiFunction.nodes.logGroup.apply((group: aws.cloudwatch.LogGroup | undefined) => group!.name);
  const logMetric = (name: string, pattern: string) =>
    new aws.cloudwatch.LogMetricFilter(`LogMetric${name}`, {
      logGroupName: apiLogGroup,
      pattern,
      metricTransformation: { name, namespace: `${NAMESPACE}/${$app.stage}`, value: "1", defaultValue: "0" },
    });
  logMetric(
    "DatabaseConnectionErrors",
    '{ ($.event = "database_connection_error") || ($.event = "database_unavailable") }',
  );
  logMetric(
    "LoginFailureBursts",
    '{ ($.event = "security_flag") && (($.flag = "failed_login_burst_account") || ($.flag = "failed_login_burst_ip")) }',
  );
  alarm("DatabaseConnectionErrors", "The API lost or could not open database connections (5+ in 5 minutes).", {
    namespace: `${NAMESPACE}/${$app.stage}`,
    metricName: "DatabaseConnectionErrors",
    statistic: "Sum",
    period: 300,
    evaluationPeriods: 1,
    threshold: 5,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
  });
  alarm("LoginFailureBursts", "Bursts of failed logins (3+ accounts or addresses flagged in 15 minutes).", {
    namespace: `${NAMESPACE}/${$app.stage}`,
    metricName: "LoginFailureBursts",
    statistic: "Sum",
    period: 900,
    evaluationPeriods: 1,
    threshold: 3,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
  });

  return { topic, alarms };
}

export const { topic: alarmTopic, alarms } = watch();
