import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";

/**
 * The migration names a bundle was built with: the bundler replaces this identifier with the list
 * (infra/lib/migrations.ts declares it in the bundle's banner), because a Lambda bundle ships no prisma/migrations folder.
 */
declare const __EXITMATCH_MIGRATIONS__: string[] | undefined;

const MIGRATIONS_DIR = resolve(import.meta.dirname ?? ".", "../../prisma/migrations");

let cached: string[] | undefined;

/** The migration folders in `dir`, in order. */
export function migrationNamesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The migrations this build of the app expects: the list built into a bundle, or else read once
 * from prisma/migrations. Undefined when neither is there, so readiness cannot compare.
 */
export function expectedMigrationNames(): string[] | undefined {
  if (cached) return cached;
  if (typeof __EXITMATCH_MIGRATIONS__ !== "undefined") {
    cached = __EXITMATCH_MIGRATIONS__;
    return cached;
  }
  if (!existsSync(MIGRATIONS_DIR)) return undefined;
  cached = migrationNamesIn(MIGRATIONS_DIR);
  return cached;
}
