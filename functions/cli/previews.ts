// `npm run previews -- refresh-base`: refreshes the anonymised base branch that preview stages'
// databases are branched from (functions/previews/refresh-preview-base.ts). Scheduled weekly in
// production (infra/previews.ts) as a container task, since it needs pg_dump and pg_restore.
import { hashPassword } from "../auth/password.ts";
import { systemClock } from "../clock/clock.ts";
import { linkedValue } from "../config/linked-resources.ts";
import { FieldCipher } from "../crypto/field-cipher.ts";
import { fieldKeyringFrom } from "../crypto/field-keyring.ts";
import { ConfigError } from "../errors/config-error.ts";
import { reportJob } from "../jobs/job-report.ts";
import { NeonHttpApi } from "../neon/neon-api.ts";
import { refreshPreviewBase } from "../previews/refresh-preview-base.ts";
import { runCli } from "./run-cli.ts";

const USAGE = `
Usage: npm run previews -- refresh-base [--help]

Branches production inside its Neon project, masks every personal column of that branch (names,
e-mails, phones, addresses, IPs, free text, file names; encrypted columns re-encrypted under the
previews' key; every account's password set to the previews' password; credentials, logs and
queues emptied; every other row kept), dumps it, restores it over the previews project's base
branch (checking every table against the dump), and deletes the masking branch whatever happens.
Real data never reaches the previews project. Prints each step; exits 1 on failure.

Environment (docs/deploy.md):
  NEON_API_KEY                      (or the linked NeonApiKey secret)
  NEON_PRODUCTION_PROJECT_ID, NEON_PRODUCTION_BRANCH_ID
  NEON_PREVIEW_PROJECT_ID, NEON_PREVIEW_BASE_BRANCH (default anonymised-base)
  PREVIEW_FIELD_ENCRYPTION_KEYS, PREVIEW_BLIND_INDEX_KEY   the preview stages' own keys
  PREVIEW_PASSWORD                  every preview account's password
Needs pg_dump and pg_restore 15 or newer (infra/ops.Dockerfile has them).
`;

function required(name: string, value: string | undefined = process.env[name]): string {
  if (!value) throw new ConfigError(`${name} is not set (npm run previews -- --help).`);
  return value;
}

await runCli(USAGE, async (args) => {
  if (args[0] !== "refresh-base" || args.length > 1) {
    process.stderr.write(`${args.length > 0 ? `Unknown command: ${args.join(" ")}\n` : ""}${USAGE}`);
    return 2;
  }
  const neon = new NeonHttpApi(
    required("NEON_API_KEY", linkedValue("NeonApiKey", "value") ?? process.env.NEON_API_KEY),
  );
  // The previews' own keys: never the development key, never production's.
  const cipher = new FieldCipher(
    fieldKeyringFrom({
      FIELD_ENCRYPTION_KEYS: required("PREVIEW_FIELD_ENCRYPTION_KEYS"),
      FIELD_ENCRYPTION_ACTIVE_KEY: undefined,
      BLIND_INDEX_KEY: required("PREVIEW_BLIND_INDEX_KEY"),
    }),
  );
  const target = {
    production: {
      projectId: required("NEON_PRODUCTION_PROJECT_ID"),
      branchId: required("NEON_PRODUCTION_BRANCH_ID"),
    },
    previews: {
      projectId: required("NEON_PREVIEW_PROJECT_ID"),
      baseBranchName: process.env.NEON_PREVIEW_BASE_BRANCH ?? "anonymised-base",
    },
    databaseName: "exitmatch",
    roleName: "exitmatch_owner",
  };
  const passwordHash = await hashPassword(required("PREVIEW_PASSWORD"));
  try {
    const report = await refreshPreviewBase(
      { neon, clock: systemClock, onProgress: (line) => process.stderr.write(`${line}\n`) },
      target,
      { cipher, passwordHash },
    );
    reportJob("preview-base", true);
    process.stdout.write(
      `Refreshed ${target.previews.baseBranchName}: ${report.tables} tables, ${report.rows} rows, ` +
        `${Object.keys(report.masked.masked).length} personal columns masked, in ${report.seconds.toFixed(1)} s.\n`,
    );
    return 0;
  } catch (error) {
    reportJob("preview-base", false);
    throw error;
  }
});
