// @ts-check
// `prisma migrate deploy` without the Prisma CLI: the same wasm schema engine, called in
// process. For where the CLI cannot run: the migrator Lambda function (functions/jobs/
// migrator-handler.ts), which ships with no node_modules. Same engine method, same migration
// history table, same checksums as the CLI, so the two are interchangeable.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { loadWasmEngineBindings } from "./load-wasm-engine.mjs";
import { createMigrationAdapterFactory } from "./migration-adapter-factory.mjs";
import { toRpcError } from "./rpc-errors.mjs";

/** The folder as the CLI sends it to the engine: every migration's SQL, and the lock file. */
async function migrationsList(/** @type {string} */ baseDir) {
  const entries = await readdir(baseDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: await readFile(join(baseDir, "migration_lock.toml"), "utf8") },
    // Deploying uses no shadow database; the CLI sends its (here empty) init script all the same.
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok", value: await readFile(join(baseDir, name, "migration.sql"), "utf8") },
        },
      })),
    ),
  };
}

/**
 * Applies every pending migration in `migrationsDir` to the database at `url` (a direct
 * connection, as the migration's owner). Resolves with the names applied now; rejects with
 * PostgreSQL's own error when one fails (that migration is rolled back, as with the CLI).
 * @param {string} url
 * @param {string} migrationsDir
 * @param {(line: string) => void} [log]
 * @returns {Promise<{ appliedMigrationNames: string[] }>}
 */
export async function deployMigrations(url, migrationsDir, log = () => {}) {
  const bindings = await loadWasmEngineBindings();
  const factory = createMigrationAdapterFactory({ url });
  const bound = bindMigrationAwareSqlAdapterFactory(/** @type {any} */ (factory));
  const engine = await bindings.SchemaEngine.new({ datamodels: undefined }, log, bound);
  try {
    return await engine.applyMigrations({
      migrationsList: /** @type {any} */ (await migrationsList(migrationsDir)),
      filters: { externalTables: [], externalEnums: [] },
    });
  } catch (error) {
    const { message, data } = toRpcError(error, bound.errorRegistry);
    throw new Error(/** @type {any} */ (data)?.message ?? message);
  } finally {
    await /** @type {any} */ (engine).free?.();
  }
}
