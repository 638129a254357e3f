import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import { migrationNamesIn } from "./migration-names.ts";

const MIGRATIONS_DIR = resolve(import.meta.dirname, "../../prisma/migrations");

/**
 * Whether `prisma migrate deploy` has anything to do: a migration folder not applied (or not
 * applied cleanly), or one whose SQL changed since it was (Prisma's checksum: SHA-256 of the
 * file). One query and a few file reads, where the CLI takes seconds to start its schema
 * engine: `npm start` asks this first, and on a database already up to date skips the CLI.
 * A database without the migrations table at all has everything pending.
 */
export async function hasPendingMigrations(directUrl: string, dir = MIGRATIONS_DIR): Promise<boolean> {
  const client = new pg.Client({ connectionString: directUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string; clean: boolean }>(
      `SELECT migration_name, checksum, (finished_at IS NOT NULL AND rolled_back_at IS NULL) AS clean
         FROM _prisma_migrations`,
    );
    const applied = new Map(rows.filter((row) => row.clean).map((row) => [row.migration_name, row.checksum]));
    if (rows.some((row) => !row.clean && !applied.has(row.migration_name))) return true; // a failed one to report
    return migrationNamesIn(dir).some((name) => {
      const checksum = createHash("sha256")
        .update(readFileSync(join(dir, name, "migration.sql")))
        .digest("hex");
      return applied.get(name) !== checksum;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "42P01") return true; // no _prisma_migrations yet
    throw error;
  } finally {
    await client.end();
  }
}
