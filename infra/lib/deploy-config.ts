// What a deploy needs to know that is not a secret: which Neon projects, which frontend origin,
// where alarms go. Read from the deploying shell's environment (the CI workflows set them; see
// docs/deploy.md), checked here so that a missing one fails `sst deploy` with its name.
import { stageKind } from "./stage.ts";

export interface DeployConfig {
  /** The Neon project of this stage's own database (production or staging). */
  neonProjectId: string | undefined;
  /** Production's branch (snapshots are taken of it). */
  neonBranchId: string | undefined;
  /** The Neon project previews and personal stages branch in, from its anonymised base branch. */
  neonPreviewProjectId: string | undefined;
  /** The anonymised base branch's name in that project. */
  previewBaseBranch: string;
  /** The web app's origin: CORS and the links in e-mails. */
  frontendOrigin: string;
  /** This API's public origin: the one-click unsubscribe links in e-mails point at it. */
  apiOrigin: string;
  /** The sender of every e-mail; its domain is an SES identity verified once (docs/deploy.md). */
  mailFrom: string;
  /** Where alarms are e-mailed (an SNS subscription); none: the topic only. */
  alarmEmail: string | undefined;
}

export function deployConfig(stage: string, source: Record<string, string | undefined> = process.env): DeployConfig {
  const kind = stageKind(stage);
  // An unset GitHub variable arrives as an empty string: the same as not set.
  const env = Object.fromEntries(Object.entries(source).filter(([, value]) => value?.trim()));
  const config: DeployConfig = {
    neonProjectId:
      kind === "production"
        ? env.NEON_PRODUCTION_PROJECT_ID
        : kind === "staging"
          ? env.NEON_STAGING_PROJECT_ID
          : undefined,
    neonBranchId:
      kind === "production"
        ? env.NEON_PRODUCTION_BRANCH_ID
        : kind === "staging"
          ? env.NEON_STAGING_BRANCH_ID
          : undefined,
    neonPreviewProjectId: env.NEON_PREVIEW_PROJECT_ID,
    previewBaseBranch: env.NEON_PREVIEW_BASE_BRANCH ?? "anonymised-base",
    frontendOrigin:
      env[`FRONTEND_ORIGIN_${stage.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`] ??
      env.FRONTEND_ORIGIN ??
      (kind === "production" ? "https://exitmatch.co.uk" : `https://${stage}.preview.exitmatch.co.uk`),
    apiOrigin:
      env[`API_ORIGIN_${stage.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`] ??
      env.API_ORIGIN ??
      (kind === "production" ? "https://api.exitmatch.co.uk" : `https://api.${stage}.preview.exitmatch.co.uk`),
    mailFrom: env.MAIL_FROM ?? "ExitMatch <notifications@exitmatch.co.uk>",
    alarmEmail: env.ALARM_EMAIL,
  };
  // Production also needs the previews project: it refreshes the previews' base branch.
  const missing =
    kind === "production" || kind === "staging"
      ? [
          !config.neonProjectId && `NEON_${kind.toUpperCase()}_PROJECT_ID`,
          !config.neonBranchId && `NEON_${kind.toUpperCase()}_BRANCH_ID`,
          kind === "production" && !config.neonPreviewProjectId && "NEON_PREVIEW_PROJECT_ID",
        ]
      : [!config.neonPreviewProjectId && "NEON_PREVIEW_PROJECT_ID"];
  const names = missing.filter(Boolean);
  if (names.length > 0) throw new Error(`Stage ${stage} needs ${names.join(", ")} (docs/deploy.md).`);
  return config;
}
