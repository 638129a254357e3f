// The migrations as the deploy sees them: their names, built into every Lambda bundle (/ready
// compares them with the database; a bundle has no prisma/migrations folder to read), and their
// digest, which decides when a deploy runs the migrator.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { migrationNamesIn } from "../../functions/db/migration-names.ts";

/** SST runs the config from the project root (and bundles it elsewhere, so no import.meta paths). */
export const MIGRATIONS_DIR = join(process.cwd(), "prisma/migrations");

/**
 * A line for the top of a Lambda bundle that declares the migration names the app expects
 * (functions/db/migration-names.ts reads the identifier): /ready compares them with the
 * database, and a bundle ships no prisma/migrations folder. A banner, not an esbuild `define`:
 * SST's bundler passes banners through and ignores defines.
 */
export function migrationNamesBanner(migrationsDir = MIGRATIONS_DIR): string {
  return `const __EXITMATCH_MIGRATIONS__ = ${JSON.stringify(migrationNamesIn(migrationsDir))};`;
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
