// What the bundler builds into the Lambda code: the migration names the app expects (/ready
// compares them with the database), since a bundle has no prisma/migrations folder to read.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { migrationNamesIn } from "../../functions/db/migration-names.ts";

/** SST runs the config from the project root (and bundles it elsewhere, so no import.meta paths). */
export const MIGRATIONS_DIR = join(process.cwd(), "prisma/migrations");

/** esbuild `define`s for a Lambda bundle of the app. */
export function bundleDefines(migrationsDir = MIGRATIONS_DIR): Record<string, string> {
  return { __EXITMATCH_MIGRATIONS__: JSON.stringify(migrationNamesIn(migrationsDir)) };
}

/**
 * A digest of every migration (names and SQL): the migrator runs on a deploy exactly when it
 * changes, i.e. when a migration was added or edited, and not otherwise.
 */
export function migrationsHash(migrationsDir = MIGRATIONS_DIR): string {
  const hash = createHash("sha256");
  for (const name of migrationNamesIn(migrationsDir)) {
    hash.update(`${name}\n`);
    hash.update(readFileSync(join(migrationsDir, name, "migration.sql")));
  }
  return hash.digest("hex");
}
