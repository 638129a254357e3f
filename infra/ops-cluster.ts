// Where the jobs that need PostgreSQL's client tools run (pg_dump, pg_restore: the logical
// backup, the previews' base refresh): Fargate tasks on one small cluster, in a VPC without NAT
// gateways (tasks get a public IP for their way out; nothing can reach them), from one image
// (infra/ops.Dockerfile). Only stages with backups have it.
import { hasBackups } from "./lib/stage.ts";

/** The operations image: this repository with Node 22 and postgresql-client 15, built by `sst deploy`. */
export const OPS_IMAGE = { context: ".", dockerfile: "infra/ops.Dockerfile" };

export const opsCluster = hasBackups($app.stage)
  ? new sst.aws.Cluster("OpsCluster", { vpc: new sst.aws.Vpc("OpsVpc") })
  : undefined;

/**
 * Secrets for a task, as encrypted SSM parameters the container receives at start (a task's
 * linked values and environment would be plain text in its task definition), and an execution
 * role allowed to read exactly those parameters (SST's default allows every parameter and secret
 * of the account). Spread the result into the task's arguments.
 */
export function taskSecrets(task: string, values: Record<string, $util.Input<string>>) {
  const arns = Object.fromEntries(
    Object.entries(values).map(([variable, value]) => [
      variable,
      new aws.ssm.Parameter(`${task}${variable}`, { type: "SecureString", value: $util.secret(value) }).arn,
    ]),
  );
  const policy = $jsonStringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["ssm:GetParameters"], Resource: Object.values(arns) }],
  });
  return {
    ssm: arns,
    transform: { executionRole: { inlinePolicies: [{ name: "inline", policy }] } },
  };
}

/** The task's log group name, fixed so that its metric filters (infra/alarms.ts) can name it. */
export function taskLogGroup(task: string) {
  return `/exitmatch/${$app.stage}/${task}`;
}
