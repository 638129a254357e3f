// `npm run encryption:rotate`: re-encrypts personal fields with the active key (docs/data-lifecycle.md).
import { parseArgs } from "node:util";
import { loadEnvironment } from "../config/environment.ts";
import { FieldCipher } from "../crypto/field-cipher.ts";
import { DEVELOPMENT_KEYS_WARNING, fieldKeyringFrom } from "../crypto/field-keyring.ts";
import { rotateFieldKeys } from "../crypto/rotate-field-keys.ts";
import { openDatabaseForCommand } from "../db/local-database.ts";
import { createDatabaseClient } from "../db/prisma-client.ts";
import { runCli } from "./run-cli.ts";

const USAGE = `
Usage: npm run encryption:rotate -- [--dry-run] [--reindex] [--batch-size <n>]

Re-encrypts every encrypted field (users.phone, advisor_profiles.aml_registration_number,
inquiries.nda_accepted_ip) that is not yet under FIELD_ENCRYPTION_ACTIVE_KEY, and encrypts
any value still held in plain text. Rotating a key:
  1. add the new key to FIELD_ENCRYPTION_KEYS and make it FIELD_ENCRYPTION_ACTIVE_KEY
     (keep the old key listed), deploy: new writes use the new key
  2. run this command until it reports 0 rewritten
  3. remove the old key from FIELD_ENCRYPTION_KEYS
--reindex also recomputes every phone blind index: run it after changing BLIND_INDEX_KEY.

Works in short batches (one transaction each) and only replaces a value that has not changed
since it was read, so it is safe on a live database and can be stopped and run again.
--dry-run counts what would be rewritten and changes nothing.

Exit codes: 0 done, 1 failed (e.g. a value under a key that is not configured), 2 bad usage.
Database: DATABASE_URL when set, otherwise the embedded PostgreSQL.
`;

await runCli(USAGE, async (argv) => {
  let values: { "dry-run"?: boolean; reindex?: boolean; "batch-size"?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { "dry-run": { type: "boolean" }, reindex: { type: "boolean" }, "batch-size": { type: "string" } },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const batchSize = values["batch-size"] === undefined ? undefined : Number(values["batch-size"]);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
    process.stderr.write("--batch-size must be a positive integer.\n");
    return 2;
  }

  const environment = loadEnvironment();
  const keyring = fieldKeyringFrom(environment);
  if (keyring.development) process.stderr.write(`Warning: ${DEVELOPMENT_KEYS_WARNING}\n`);
  const database = await openDatabaseForCommand(environment);
  const { prisma } = createDatabaseClient(database.databaseUrl);
  try {
    const results = await rotateFieldKeys(prisma, new FieldCipher(keyring), {
      dryRun: values["dry-run"] ?? false,
      reindex: values.reindex ?? false,
      ...(batchSize ? { batchSize } : {}),
      onProgress: ({ column, rewritten }) => process.stderr.write(`\r${column}: ${rewritten} values`),
    });
    process.stderr.write("\n");
    const verb = values["dry-run"] ? "would rewrite" : "rewrote";
    for (const result of results) {
      process.stdout.write(
        `${result.column}: ${verb} ${result.rewritten} values under key "${keyring.activeKeyId}"` +
          (result.wasPlainText > 0 ? ` (${result.wasPlainText} were plain text)` : "") +
          "\n",
      );
    }
    return 0;
  } finally {
    await prisma.$disconnect();
    await database.embedded?.stop();
  }
});
