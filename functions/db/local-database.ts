import type { Environment } from "../config/environment.ts";
import { resolveDirectUrl } from "./direct-url.ts";
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

/** The database for a helper command: shares a running `npm start`, reports progress on stderr. */
export function openDatabaseForCommand(environment: Environment): Promise<LocalDatabase> {
  return openLocalDatabase(environment, {
    reuseRunning: true,
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
}
