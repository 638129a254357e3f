// The real sst.config.ts run() of production, staging and a pull-request preview, evaluated
// offline under Pulumi's mocks (tests/infra/support/evaluate-stage.ts), and what each declares.
// What only a real deploy shows is listed in docs/deploy.md.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsHash } from "../../infra/lib/migrations.ts";
import {
  evaluateStage,
  projectWithExtraMigration,
  type RecordedResource,
  ROOT,
  SECRET_VALUES,
  type StageEvaluation,
} from "./support/evaluated-stages.ts";
import { buildEvalBundle } from "./support/sst-eval-bundle.ts";

const STAGES = ["production", "staging", "pr-42"] as const;
type Stage = (typeof STAGES)[number];

/** Pulumi's marker for a secret value in serialized inputs. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const isSecret = (value: unknown) =>
  typeof value === "object" && value !== null && Object.values(value).includes(SECRET_SIG) && "value" in value;

function ofType(evaluation: StageEvaluation, type: string): RecordedResource[] {
  return evaluation.resources.filter((resource) => resource.type === type);
}
function named(evaluation: StageEvaluation, type: string, name: string): RecordedResource {
  const found = evaluation.resources.find((resource) => resource.type === type && resource.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
}
const unwrap = (value: unknown): unknown => (isSecret(value) ? (value as { value: unknown }).value : value);

/** Every string in a resource's inputs, with whether it sits inside a secret. */
function* strings(
  value: unknown,
  secret = false,
  path = "",
): Generator<{ path: string; value: string; secret: boolean }> {
  if (typeof value === "string") yield { path, value, secret };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, secret, `${path}[${i}]`);
  else if (value && typeof value === "object") {
    const inSecret = secret || isSecret(value);
    for (const [key, item] of Object.entries(value)) yield* strings(item, inSecret, `${path}.${key}`);
  }
}

const FUNCTION = "aws:lambda/function:Function";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

describe("the cloud app's resource graph, per stage, under Pulumi's mocks", () => {
  let bundle: string;
  const stages = {} as Record<Stage, StageEvaluation>;
  let withExtraMigration: StageEvaluation;
  let extraRoot: string;

  beforeAll(async () => {
    bundle = await buildEvalBundle(ROOT);
    extraRoot = projectWithExtraMigration();
    const [production, staging, preview, extra] = await Promise.all([
      ...STAGES.map((stage) => evaluateStage(bundle, stage)),
      evaluateStage(bundle, "production", extraRoot),
    ]);
    Object.assign(stages, { production, staging, "pr-42": preview });
    withExtraMigration = extra!;
  }, 120_000);
  afterAll(() => {
    if (bundle) rmSync(bundle, { force: true });
    if (extraRoot) rmSync(extraRoot, { recursive: true, force: true });
  });

  it("evaluates every stage completely, and SST built every function from a handler that exists", () => {
    for (const stage of STAGES) {
      const evaluation = stages[stage];
      expect(evaluation.outputs.api, stage).toMatch(/^https:\/\/.*execute-api/);
      const handlers = evaluation.builds.map((build) => build.handler).sort();
      expect(handlers, stage).toEqual(
        [
          "functions/api/lambda.handler",
          "functions/jobs/audit-seal-handler.handler",
          "functions/jobs/audit-verify-handler.handler",
          "functions/jobs/migrator-handler.handler",
          "functions/jobs/outbox-handler.handler",
          "functions/jobs/retention-handler.handler",
          ...(stage === "pr-42" ? [] : ["functions/jobs/snapshot-handler.handler"]),
        ].sort(),
      );
      for (const fn of ofType(evaluation, FUNCTION)) {
        expect(fn.inputs.runtime, fn.name).toBe("nodejs22.x");
        expect(fn.inputs.architectures, fn.name).toEqual(["arm64"]);
      }
    }
  });

  it("production is protected and keeps its data on removal; other stages clean up", () => {
    expect(stages.production.app).toMatchObject({ protect: true, removal: "retain" });
    expect(stages.production.outputs._protect).toBe(true);
    for (const stage of ["staging", "pr-42"] as const) {
      expect(stages[stage].app, stage).toMatchObject({ protect: false, removal: "remove" });
    }
    const buckets = (stage: Stage) => ofType(stages[stage], "aws:s3/bucket:Bucket");
    expect(buckets("production").map((bucket) => [bucket.name, bucket.options.retainOnDelete])).toEqual(
      expect.arrayContaining([
        ["DocumentsBucket", true],
        ["Backups", true],
      ]),
    );
    for (const bucket of buckets("pr-42")) expect(bucket.options.retainOnDelete, bucket.name).toBeFalsy();
    // Production's Neon project is adopted, never created or deleted by a deploy.
    const project = named(stages.production, "neon:index/project:Project", "DatabaseProject");
    expect(project.options).toMatchObject({ import: "project-production", protect: true, retainOnDelete: true });
    expect(project.inputs.historyRetentionSeconds).toBe(30 * 24 * 3600);
    expect(named(stages.staging, "neon:index/project:Project", "DatabaseProject").inputs.historyRetentionSeconds).toBe(
      7 * 24 * 3600,
    );
  });

  it("only a pr-N stage creates a Neon branch: from the anonymised base, with a compute that scales to zero", () => {
    for (const stage of ["production", "staging"] as const) {
      expect(ofType(stages[stage], "neon:index/branch:Branch"), stage).toEqual([]);
      expect(ofType(stages[stage], "neon:index/endpoint:Endpoint"), stage).toEqual([]);
    }
    const preview = stages["pr-42"];
    const [branch] = ofType(preview, "neon:index/branch:Branch");
    expect(branch?.inputs).toMatchObject({
      projectId: "project-previews",
      parentId: "br-anonymised-base",
      name: "pr-42",
    });
    expect(branch?.options.retainOnDelete).toBeFalsy();
    expect(branch?.options.protect).toBeFalsy();
    const [endpoint] = ofType(preview, "neon:index/endpoint:Endpoint");
    expect(endpoint?.inputs).toMatchObject({ branchId: "br-pr-42", type: "read_write", suspendTimeoutSeconds: 300 });
    // The base was looked up by name in the previews project; production's project is not touched.
    expect(preview.calls.filter((call) => call.token.startsWith("neon:"))).toEqual(
      expect.arrayContaining([
        { token: "neon:index/getBranches:getBranches", inputs: { projectId: "project-previews" } },
      ]),
    );
    expect(JSON.stringify(preview.calls)).not.toContain("project-production");
    expect(ofType(preview, "neon:index/project:Project")).toEqual([]);
  });

  it("the API (and the jobs) get only the pooled URL, the migrator only the direct one", () => {
    for (const stage of STAGES) {
      const links = Object.fromEntries(
        stages[stage].builds.map((build) => [build.functionID, Object.keys(build.links)]),
      );
      expect(links.Api, stage).toContain("DatabasePooled");
      expect(links.Migrator, stage).toEqual(expect.arrayContaining(["DatabaseDirect", "DatabaseAppLogin"]));
      expect(links.Migrator, stage).not.toContain("DatabasePooled");
      for (const [fn, names] of Object.entries(links)) {
        if (fn !== "Migrator") expect(names, `${stage} ${fn}`).not.toContain("DatabaseDirect");
        if (fn !== "Migrator") expect(names, `${stage} ${fn}`).not.toContain("DatabaseAppLogin");
      }
      const api = stages[stage].builds.find((build) => build.functionID === "Api")!;
      const pooled = String(unwrap(api.links.DatabasePooled?.url));
      expect(pooled, stage).toMatch(/^postgresql:\/\/exitmatch_app_login:[^@]+@ep-[^.]+-pooler\./);
      expect(pooled, stage).toContain("pgbouncer=true");
      const migrator = stages[stage].builds.find((build) => build.functionID === "Migrator")!;
      expect(String(unwrap(migrator.links.DatabaseDirect?.url)), stage).toMatch(
        /^postgresql:\/\/exitmatch_owner:[^@]+@ep-(?![^.]*-pooler)/,
      );
      // Nothing reaches a function as a plain environment variable but settings.
      for (const fn of ofType(stages[stage], FUNCTION)) {
        const variables = Object.keys((fn.inputs.environment as { variables?: object } | undefined)?.variables ?? {});
        expect(variables, fn.name).not.toEqual(expect.arrayContaining(["DATABASE_URL"]));
        expect(
          // The web app's and the API's public addresses are not secrets.
          variables.filter(
            (name) => /URL$|SECRET|KEY$|PASSWORD/.test(name) && name !== "APP_URL" && name !== "API_URL",
          ),
          fn.name,
        ).toEqual([]);
      }
    }
  });

  it("no secret appears in plain text in any resource's inputs", () => {
    for (const stage of STAGES) {
      const evaluation = stages[stage];
      const plain: string[] = [];
      for (const resource of evaluation.resources) {
        for (const found of strings(resource.inputs)) {
          const leaked =
            Object.values(SECRET_VALUES).some((secret) => found.value.includes(secret)) ||
            found.value.includes("SENTINEL-neon-owner-password") ||
            found.value.includes("SENTINEL-generated-");
          if (leaked && !found.secret) plain.push(`${resource.type} ${resource.name}${found.path}`);
        }
      }
      expect(plain, stage).toEqual([]);
    }
    // And the secrets do reach what needs them, as secrets: the check above is not vacuous.
    const refresh = ofType(stages.production, "aws:ssm/parameter:Parameter").map((parameter) =>
      unwrap(parameter.inputs.value),
    );
    expect(refresh).toEqual(expect.arrayContaining([SECRET_VALUES.PreviewPassword, SECRET_VALUES.NeonApiKey]));
    for (const parameter of ofType(stages.production, "aws:ssm/parameter:Parameter")) {
      expect(parameter.inputs.type, parameter.name).toBe("SecureString");
    }
  });

  it("IAM policies name their resources: no '*' on S3, SSM, Secrets Manager or KMS", () => {
    for (const stage of STAGES) {
      for (const role of ofType(stages[stage], "aws:iam/role:Role")) {
        for (const inline of (role.inputs.inlinePolicies as { policy: string }[] | undefined) ?? []) {
          const document = JSON.parse(inline.policy) as Record<string, unknown>;
          const statements = (document.statements ?? document.Statement ?? []) as Record<string, unknown>[];
          for (const statement of statements) {
            const actions = ([] as string[]).concat((statement.actions ?? statement.Action) as string[]);
            const resources = ([] as string[]).concat((statement.resources ?? statement.Resource) as string[]);
            const sensitive = actions.filter((action) => /^(s3|ssm|secretsmanager|kms):/.test(action));
            if (sensitive.length > 0) {
              expect(resources, `${stage} ${role.name} ${sensitive.join(",")}`).not.toContain("*");
              for (const resource of resources) expect(resource, role.name).toMatch(/^arn:aws:/);
            }
            expect(
              actions.some((action) => action.endsWith(":*") && action !== "ssmmessages:*"),
              role.name,
            ).toBe(false);
          }
        }
      }
    }
    const api = named(stages.production, "aws:iam/role:Role", "ApiRole");
    expect(api.inputs.inlinePolicies).toEqual([
      {
        name: "inline",
        policy: JSON.stringify({
          statements: [
            {
              actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
              effect: "Allow",
              resources: ["arn:aws:s3:::documentsbucket-production/*"],
            },
          ],
        }),
      },
    ]);
  });

  it("anchors the audit chain in a compliance-locked bucket the sealer may only add to, where the data is real", () => {
    for (const stage of ["production", "staging"] as const) {
      const evaluation = stages[stage];
      expect(named(evaluation, "aws:s3/bucket:Bucket", "AuditAnchors").inputs).toMatchObject({
        objectLockEnabled: true,
        forceDestroy: false,
      });
      expect(
        named(
          evaluation,
          "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
          "AuditAnchorsObjectLock",
        ).inputs.rule,
      ).toEqual({ defaultRetention: { mode: "COMPLIANCE", years: 7 } });
      const policyOf = (role: string) =>
        JSON.parse(
          (named(evaluation, "aws:iam/role:Role", role).inputs.inlinePolicies as { policy: string }[])[0]!.policy,
        ) as { statements: { actions: string[]; resources: string[] }[] };
      const anchorStatements = (role: string) =>
        policyOf(role).statements.filter((statement) =>
          statement.resources.some((resource) => resource.includes("auditanchors")),
        );
      // The sealer lists, reads and creates; nothing may delete an anchor. The verifier only lists.
      expect(
        anchorStatements("AuditSealerRole")
          .flatMap((statement) => statement.actions)
          .sort(),
      ).toEqual(["s3:GetObject", "s3:ListBucket", "s3:PutObject"]);
      expect(anchorStatements("AuditVerifyRole").flatMap((statement) => statement.actions)).toEqual(["s3:ListBucket"]);
      for (const role of ofType(evaluation, "aws:iam/role:Role")) {
        if (role.name === "AuditSealerRole" || role.name === "AuditVerifyRole") continue;
        expect(JSON.stringify(role.inputs.inlinePolicies ?? []), role.name).not.toMatch(/auditanchors/i);
      }
      for (const name of ["AuditSealer", "AuditVerify"]) {
        const fn = ofType(evaluation, FUNCTION).find((candidate) => candidate.name === `${name}Function`)!;
        const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
        expect(variables.AUDIT_ANCHOR_BUCKET, `${stage} ${name}`).toMatch(/auditanchors/i);
      }
    }
    expect(stages["pr-42"].resources.some((resource) => resource.name === "AuditAnchors")).toBe(false);
  });

  it("only the outbox sends e-mail, through SES from the sender's domain; the API and jobs are configured for it", () => {
    for (const stage of STAGES) {
      const sending = ofType(stages[stage], "aws:iam/role:Role").filter((role) =>
        JSON.stringify(role.inputs.inlinePolicies ?? []).includes("ses:"),
      );
      expect(
        sending.map((role) => role.name),
        stage,
      ).toEqual(["OutboxDispatcherRole"]);
      const policy = JSON.parse((sending[0]!.inputs.inlinePolicies as { policy: string }[])[0]!.policy) as {
        statements: { actions: string[]; resources: string[] }[];
      };
      expect(policy.statements).toContainEqual(
        expect.objectContaining({
          actions: ["ses:SendEmail"],
          resources: ["arn:aws:ses:eu-west-2:*:identity/exitmatch.co.uk"],
        }),
      );
      for (const name of ["Api", "OutboxDispatcher"]) {
        const fn = ofType(stages[stage], FUNCTION).find((candidate) => candidate.name === `${name}Function`)!;
        const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
        expect(variables, `${stage} ${name}`).toMatchObject({
          MAILER: "ses",
          MAIL_FROM: "ExitMatch <notifications@exitmatch.co.uk>",
          API_URL:
            stage === "production" ? "https://api.exitmatch.co.uk" : `https://api.${stage}.preview.exitmatch.co.uk`,
        });
      }
    }
  });

  it("every function has its error and throttle alarms, and every alarm an action", () => {
    for (const stage of STAGES) {
      const evaluation = stages[stage];
      const alarms = ofType(evaluation, ALARM);
      const [topic] = ofType(evaluation, "aws:sns/topic:Topic");
      const topicArn = `arn:aws:sns:eu-west-2:123456789012:${topic!.name.toLowerCase()}-${stage}`;
      for (const alarm of alarms) {
        expect(alarm.inputs.alarmActions, alarm.name).toEqual([topicArn]);
        expect(alarm.inputs.okActions, alarm.name).toEqual([topicArn]);
        expect(alarm.inputs.alarmDescription, alarm.name).toMatch(/Runbook: docs\/operations\.md/);
      }
      for (const fn of ofType(evaluation, FUNCTION)) {
        for (const metric of ["Errors", "Throttles"]) {
          const watching = alarms.filter(
            (alarm) =>
              alarm.inputs.metricName === metric &&
              (unwrap(alarm.inputs.dimensions) as Record<string, string> | undefined)?.FunctionName === fn.inputs.name,
          );
          expect(watching.length, `${stage} ${fn.name} ${metric}`).toBe(1);
        }
      }
      const names = alarms.map((alarm) => String(alarm.inputs.name).replace(`exitmatch-${stage}-`, ""));
      expect(names, stage).toEqual(
        expect.arrayContaining([
          "Api5xxRate",
          "ApiLatencyP99",
          "MigratorErrors",
          "Job-retention-Failed",
          "Job-audit-verify-Failed",
          "Job-audit-seal-Failed",
          "Job-outbox-Failed",
          "DatabaseConnectionErrors",
          "LoginFailureBursts",
        ]),
      );
    }
    expect(ofType(stages.production, "aws:sns/topicSubscription:TopicSubscription")[0]?.inputs).toMatchObject({
      protocol: "email",
      endpoint: "alarms@exitmatch.example",
    });
  });

  it("every alarm has its line in the runbook (docs/operations.md, Alarms)", () => {
    const operations = readFileSync(join(ROOT, "docs/operations.md"), "utf8");
    const runbook = operations.slice(operations.indexOf("## Alarms"), operations.indexOf("## Query logging"));
    for (const stage of STAGES) {
      for (const alarm of ofType(stages[stage], ALARM)) {
        const name = String(alarm.inputs.name).replace(`exitmatch-${stage}-`, "");
        expect(runbook, name).toContain(`\`${name}\``);
      }
    }
  });

  it("alarms on the logs count what the app logs: connection failures and login-failure bursts", () => {
    const filters = ofType(stages.production, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
    const byMetric = Object.fromEntries(
      filters.map((filter) => [(filter.inputs.metricTransformation as { name: string }).name, filter.inputs]),
    );
    expect(byMetric.DatabaseConnectionErrors?.pattern).toContain('$.event = "database_connection_error"');
    expect(byMetric.LoginFailureBursts?.pattern).toContain('$.flag = "failed_login_burst_account"');
    const apiLogGroup = named(stages.production, "aws:cloudwatch/logGroup:LogGroup", "ApiLogGroup");
    expect(byMetric.DatabaseConnectionErrors?.logGroupName).toBe(apiLogGroup.inputs.name);
  });

  it("backups: daily snapshot and logical backup in production and staging, kept 7/4/12, alarmed after 26 h", () => {
    for (const stage of ["production", "staging"] as const) {
      const evaluation = stages[stage];
      const rules = Object.fromEntries(
        ofType(evaluation, "aws:cloudwatch/eventRule:EventRule").map((rule) => [
          rule.name,
          rule.inputs.scheduleExpression,
        ]),
      );
      expect(rules, stage).toMatchObject({
        SnapshotScheduleRule: "cron(0 2 * * ? *)",
        LogicalBackupScheduleRule: "cron(30 2 * * ? *)",
        RetentionScheduleRule: "cron(0 3 * * ? *)",
        AuditVerifyScheduleRule: "cron(30 4 * * ? *)",
        OutboxScheduleRule: "rate(1 minute)",
        AuditSealScheduleRule: "rate(1 minute)",
      });
      const task = JSON.stringify(ofType(evaluation, "aws:ecs/taskDefinition:TaskDefinition").map((t) => t.inputs));
      expect(task).toContain("npm run ops -- backup && npm run ops -- backup rotate");
      for (const job of ["backup", "snapshot"]) {
        const alarm = ofType(evaluation, ALARM).find(
          (candidate) => candidate.inputs.name === `exitmatch-${stage}-Job-${job}-Missing`,
        );
        expect(alarm?.inputs, `${stage} ${job}`).toMatchObject({
          metricName: "JobSucceeded",
          period: 3600,
          evaluationPeriods: 26,
          datapointsToAlarm: 26,
          treatMissingData: "breaching",
          comparisonOperator: "LessThanThreshold",
          threshold: 1,
        });
      }
      const lock = named(
        evaluation,
        "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
        "BackupsObjectLock",
      );
      expect(lock.inputs.rule).toEqual({ defaultRetention: { mode: "GOVERNANCE", days: 14 } });
      expect(named(evaluation, "aws:s3/bucketVersioning:BucketVersioning", "BackupsVersioning").inputs).toMatchObject({
        versioningConfiguration: { status: "Enabled" },
      });
    }
    const preview = stages["pr-42"];
    expect(ofType(preview, "aws:ecs/taskDefinition:TaskDefinition")).toEqual([]);
    expect(preview.resources.some((resource) => resource.name === "Backups")).toBe(false);
    // Production alone refreshes the previews' base, weekly, from its own task.
    const refresh = ofType(stages.production, "aws:cloudwatch/eventRule:EventRule").find(
      (rule) => rule.name === "PreviewBaseScheduleRule",
    );
    expect(refresh?.inputs.scheduleExpression).toBe("cron(0 5 ? * SUN *)");
    expect(stages.staging.resources.some((resource) => resource.name === "PreviewBaseSchedule")).toBe(false);
  });

  it("the migrator runs on a deploy exactly when the migrations changed, before the API is updated", () => {
    const invocation = (evaluation: StageEvaluation) =>
      named(evaluation, "aws:lambda/invocation:Invocation", "MigratorInvocation");
    const hash = migrationsHash();
    expect(invocation(stages.production).inputs.triggers).toEqual({ migrationsHash: hash });
    expect(invocation(stages["pr-42"]).inputs.triggers).toEqual({ migrationsHash: hash });
    expect(JSON.parse(String(invocation(stages.production).inputs.input))).toEqual({ migrationsHash: hash });
    expect(invocation(withExtraMigration).inputs.triggers).not.toEqual({ migrationsHash: hash });
    // The new API code waits for the migrations.
    expect(named(stages.production, "sst:aws:Function", "Api").options.dependsOn).toContain("MigratorInvocation");
  });
});
