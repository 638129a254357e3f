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
 * A secret for a task, as an encrypted SSM parameter the container receives at start: a task's
 * linked values and environment would be plain text in its task definition.
 */
export function taskSecret(name: string, value: $util.Input<string>) {
  return new aws.ssm.Parameter(name, { type: "SecureString", value }).arn;
}

/** The task's log group name, fixed so that its metric filters (infra/alarms.ts) can name it. */
export function taskLogGroup(task: string) {
  return `/exitmatch/${$app.stage}/${task}`;
}
