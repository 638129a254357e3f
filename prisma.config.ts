import { accessSync, chmodSync, constants } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { embeddedDatabaseUrl } from "./functions/config/embedded-database.ts";
import { loadEnvFile } from "./functions/config/load-env-file.ts";
import { resolveDirectUrl } from "./functions/db/direct-url.ts";

loadEnvFile();

// Use the wasm-backed engine in this repository instead of downloading the native binary.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL("./prisma/engine/schema-engine.mjs", import.meta.url),
);
// Prisma executes it directly. A copy of the repository that lost the executable bit (a zip
// download, Stryker's sandbox in `npm run test:mutation`) would fail with EACCES.
try {
  accessSync(process.env.PRISMA_SCHEMA_ENGINE_BINARY, constants.X_OK);
} catch {
  chmodSync(process.env.PRISMA_SCHEMA_ENGINE_BINARY, 0o755);
}

/**
 * Migrations always use a direct connection: DIRECT_URL, or a direct DATABASE_URL. With
 * neither set, the embedded PostgreSQL that `npm start` runs, so plain `npx prisma migrate
 * status` works in development with no set-up.
 */
function migrationUrl(): string {
  if (process.env.DATABASE_URL || process.env.DIRECT_URL) {
    return resolveDirectUrl({
      DATABASE_URL: process.env.DATABASE_URL || undefined,
      DIRECT_URL: process.env.DIRECT_URL || undefined,
    });
  }
  return embeddedDatabaseUrl(Number(process.env.EMBEDDED_POSTGRES_PORT) || undefined);
}

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: migrationUrl() },
});
