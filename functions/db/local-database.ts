import { ConfigError } from "../config/config-error.ts";
import type { Environment } from "../config/environment.ts";
import { parseDatabaseUrl } from "./database-url.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "./embedded-postgres.ts";

export interface LocalDatabase {
  /** What the app connects through (pooled in production). */
  databaseUrl: string;
  /** What migrations use (never through a transaction pooler). */
  directUrl: string;
  /** Set when the embedded server serves this process. */
  embedded?: EmbeddedDatabase;
}

/**
 * The database for local commands: DATABASE_URL/DIRECT_URL when set, otherwise the embedded
 * PostgreSQL in EMBEDDED_POSTGRES_DIR. `reuseRunning` lets helper commands (seed, migrate)
 * share the server a running `npm start` owns.
 */
export async function openLocalDatabase(
  environment: Environment,
  options: { reuseRunning: boolean; onProgress?: (message: string) => void },
): Promise<LocalDatabase> {
  if (environment.DATABASE_URL) {
    return { databaseUrl: environment.DATABASE_URL, directUrl: resolveDirectUrl(environment) };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: environment.EMBEDDED_POSTGRES_DIR,
    port: environment.EMBEDDED_POSTGRES_PORT,
    database: "exitmatch",
    reuseRunning: options.reuseRunning,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { databaseUrl: embedded.url, directUrl: embedded.url, embedded };
}

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
