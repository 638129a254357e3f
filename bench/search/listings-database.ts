import type { ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { applyMigrations } from "../../functions/db/apply-migrations.ts";
import { ensureLoginRole, withCredentials } from "../../functions/db/database-roles.ts";
import { startEmbeddedPostgres } from "../../functions/db/embedded-postgres.ts";
import { freePort } from "../../tests/support/free-port.ts";
import { startServer } from "../support/child-server.ts";
import { seedListings } from "./seed-listings.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** The login the API and the baselines use: a member of exitmatch_app, as the API's login is in production. */
export const BENCH_APP_LOGIN = { name: "exitmatch_bench_app", password: "exitmatch-bench-app" };

/**
 * The database of the benchmarks on listings (bench:search, bench:requests): BENCH_DATABASE_URL,
 * or an embedded PostgreSQL kept in .data/bench-search between runs; migrated, seeded with
 * `listings` listings (kept when already there), and with a login of the application role.
 * `url` is the owner's, `appUrl` the application login's.
 */
export async function openListingsDatabase(
  listings: number,
  log: (message: string) => void,
): Promise<{ url: string; appUrl: string; stop(): Promise<void> }> {
  const embedded = process.env.BENCH_DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(ROOT, ".data/bench-search"),
        port: await freePort(),
        database: "bench",
        onProgress: log,
      });
  const url = process.env.BENCH_DATABASE_URL ?? embedded!.url;
  try {
    log("Migrating...");
    await applyMigrations(url);
    log(`Seeding ${listings.toLocaleString("en-GB")} listings...`);
    await seedListings(url, listings, log);
    // The servers connect as a login of the application role, as production does (row-level
    // security and the audit triggers apply); the migrations above ran as the owner.
    await ensureLoginRole(url, { ...BENCH_APP_LOGIN, kind: "app" });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    appUrl: withCredentials(url, BENCH_APP_LOGIN.name, BENCH_APP_LOGIN.password),
    stop: async () => {
      await embedded?.stop();
    },
  };
}

/**
 * The API as `npm start` serves it, on `port`, as the application login, logging a line per
 * request at info as deployed.
 */
export function startApiServer(database: { url: string; appUrl: string }, port: number): Promise<ChildProcess> {
  return startServer(
    ["functions/cli/start.ts"],
    {
      DATABASE_URL: database.appUrl,
      DIRECT_URL: database.url,
      PORT: String(port),
      LOG_LEVEL: "info",
      NODE_ENV: "development",
    },
    "listening on",
  );
}
