import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { StageEvaluation } from "./evaluate-stage.ts";

export type { RecordedBuild, RecordedResource, StageEvaluation } from "./evaluate-stage.ts";

export const ROOT = join(import.meta.dirname, "..", "..", "..");

/** Secret values set for the evaluation: each must only ever appear wrapped as a Pulumi secret. */
export const SECRET_VALUES: Record<string, string> = Object.fromEntries(
  [
    "JwtSecret",
    "FieldEncryptionKeys",
    "FieldEncryptionActiveKey",
    "BlindIndexKey",
    "NeonApiKey",
    "PreviewFieldEncryptionKeys",
    "PreviewBlindIndexKey",
    "PreviewPassword",
  ].map((name) => [name, `SENTINEL-secret-${name}`]),
);

/** What the CI workflows give `sst deploy` (docs/deploy.md), with made-up ids. */
export const DEPLOY_ENVIRONMENT = {
  NEON_PRODUCTION_PROJECT_ID: "project-production",
  NEON_PRODUCTION_BRANCH_ID: "br-main",
  NEON_STAGING_PROJECT_ID: "project-staging",
  NEON_STAGING_BRANCH_ID: "br-staging",
  NEON_PREVIEW_PROJECT_ID: "project-previews",
  ALARM_EMAIL: "alarms@exitmatch.example",
};

/** Runs tests/infra/support/evaluate-stage.ts for one stage in a process of its own. */
export async function evaluateStage(bundle: string, stage: string, root = ROOT): Promise<StageEvaluation> {
  const secrets = Object.fromEntries(
    Object.entries(SECRET_VALUES).map(([name, value]) => [`SST_SECRET_${name}`, value]),
  );
  try {
    const { stdout } = await promisify(execFile)(
      join(ROOT, "node_modules", ".bin", "tsx"),
      [join(ROOT, "tests/infra/support/evaluate-stage.ts"), stage, root, bundle],
      { env: { ...process.env, ...DEPLOY_ENVIRONMENT, ...secrets }, maxBuffer: 64 * 1024 * 1024, cwd: root },
    );
    return JSON.parse(stdout) as StageEvaluation;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    const said = `${stdout ?? ""}\n${stderr ?? ""}`.split("\n").filter((line) => !line.includes("deprecated"));
    throw new Error(`Evaluating stage ${stage} failed:\n${said.join("\n").slice(-4000)}`);
  }
}

/**
 * A copy of the project whose migrations folder has one more migration: everything else is a
 * symbolic link to the real project, so the same sst.config.ts evaluates against it.
 */
export function projectWithExtraMigration(): string {
  const root = mkdtempSync(join(tmpdir(), "exitmatch-sst-root-"));
  for (const entry of readdirSync(ROOT)) {
    if (entry !== "prisma") symlinkSync(join(ROOT, entry), join(root, entry));
  }
  mkdirSync(join(root, "prisma"));
  for (const entry of readdirSync(join(ROOT, "prisma"))) {
    if (entry === "migrations") cpSync(join(ROOT, "prisma", entry), join(root, "prisma", entry), { recursive: true });
    else symlinkSync(join(ROOT, "prisma", entry), join(root, "prisma", entry));
  }
  const added = join(root, "prisma", "migrations", "29991231000000_added_in_a_test");
  mkdirSync(added);
  writeFileSync(join(added, "migration.sql"), "ALTER TABLE users ADD COLUMN nickname text;\n");
  return root;
}
