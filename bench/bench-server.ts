import { withDatabaseName } from "../functions/db/database-url.ts";
// What the database benchmarks share: their command-line numbers and the server they run on.
import { startEmbeddedPostgres } from "../functions/db/embedded-postgres.ts";
import { freePort } from "../tests/support/free-port.ts";

/** `--name N` from the arguments, or the fallback; a whole number of at least `min`. */
export function intOption(args: string[], name: string, fallback: number, min = 1): number {
  const index = args.indexOf(`--${name}`);
  const value = index >= 0 ? Number(args[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
  return value;
}

/**
 * The server a benchmark runs on: BENCH_DATABASE_URL's, or an embedded PostgreSQL in its own
 * data folder. `url` is its maintenance database; stop() stops the embedded one.
 */
export async function openBenchServer(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) {
    return { url: withDatabaseName(process.env.BENCH_DATABASE_URL, "postgres"), stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: "postgres",
    reuseRunning: true,
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
  return { url: withDatabaseName(embedded.url, "postgres"), stop: () => embedded.stop() };
}
