import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";

const MIGRATIONS_DIR = resolve(import.meta.dirname, "../../prisma/migrations");

let cached: string[] | undefined;

/**
 * The migrations this build of the app expects, from prisma/migrations (read once). Undefined
 * where the folder is not shipped (a bundle without it), so readiness cannot compare.
 */
export function expectedMigrationNames(): string[] | undefined {
  if (cached) return cached;
  if (!existsSync(MIGRATIONS_DIR)) return undefined;
  cached = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  return cached;
}
