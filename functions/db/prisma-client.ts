import { neonConfig } from "@neondatabase/serverless";
import { PrismaNeon } from "@prisma/adapter-neon";
import { PrismaPg } from "@prisma/adapter-pg";
import { withAccelerate } from "@prisma/extension-accelerate";
import pg from "pg";
import ws from "ws";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { withAccelerateSession } from "./accelerate-session.ts";
import { withDatabaseSession } from "./database-session.ts";
import { softDeleteExtension } from "./soft-delete-extension.ts";

/** The extension changes no model method's signature, so the client keeps its type. */
function withSoftDeletes(prisma: PrismaClient): PrismaClient {
  return prisma.$extends(softDeleteExtension) as unknown as PrismaClient;
}

import { type DatabaseDriver, driverConnectionString, parseDatabaseUrl } from "./database-url.ts";

export interface PrismaClientOptions {
  /** The environment variable the URL came from; named in configuration errors. */
  variable?: string;
  /** Connections the pool may open (pg driver). Lambda wants 1-2; a long-lived server more. */
  maxConnections?: number;
  /**
   * Told about every error a pooled connection raises on its own (the server restarting under
   * it, a network cut): default, one JSON line on stderr. Nothing a connection does can end the
   * process.
   */
  onConnectionError?: (error: Error) => void;
}

/** One JSON line per connection error, event "database_connection_error" (an alarm counts them). */
function logConnectionError(error: Error) {
  process.stderr.write(
    `${JSON.stringify({ level: 40, time: Date.now(), event: "database_connection_error", msg: error.message, code: (error as { code?: string }).code })}\n`,
  );
}

/** The connection pool's numbers right now (pg driver only), for readiness checks. */
export interface PoolStats {
  max: number;
  open: number;
  idle: number;
  /** Requests waiting for a connection: the pool is exhausted when this stays above zero. */
  waiting: number;
}

/**
 * Runs one read-only statement on the driver's own pool, without Prisma, and returns its rows:
 * the liveness probe's way to the database (functions/ops/check-liveness.ts). A probe measures
 * the database and the pool, not the client above them, and Prisma's $queryRaw costs about
 * 130 µs of CPU a call on top of the pool's: at load, that was most of GET /health's cost
 * (bench:requests). Nothing else uses it: reads and writes go through Prisma, with the database
 * session, the soft-delete rules and the query log.
 */
export type DatabaseProbe = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * Prisma's other error formats point a failed query at its caller's line, and to do so capture a
 * stack trace (`new Error()`) on every query, failed or not: Prisma's busiest function under
 * load (node --cpu-prof), about 20 of the 340 µs of CPU a listing-view query costs. Our errors
 * never reach anyone as Prisma words them (problem+json says what went wrong), and a logged
 * error keeps its stack.
 */
const ERROR_FORMAT = "minimal";

export interface DatabaseClient {
  prisma: PrismaClient;
  driver: DatabaseDriver;
  poolStats?: () => PoolStats;
  /** The pg driver's pool, for the liveness probe; the other drivers have none of their own. */
  probe?: DatabaseProbe;
}

/**
 * The one place the app turns a database URL into a Prisma client, choosing the driver from
 * the URL:
 *  - `postgres://` / `postgresql://`: node-postgres through @prisma/adapter-pg. With
 *    `?pgbouncer=true` (a transaction-mode pooler such as pgbouncer or Neon's pooler) the
 *    client must not rely on session state; adapter-pg sends unnamed statements only, so it
 *    is safe there, and we keep it that way by never configuring statement names.
 *  - a Neon host (`*.neon.tech`): @neondatabase/serverless over WebSockets (works in Lambda
 *    without TCP keep-alive concerns).
 *  - `prisma://` / `prisma+postgres://`: Prisma Accelerate over HTTPS.
 * With pg and Neon, the current DatabaseSession (who is acting) reaches PostgreSQL as
 * transaction-local settings (database-session.ts). Every client applies the soft-delete rules
 * (soft-delete-extension.ts). A malformed URL throws a ConfigError
 * naming the variable.
 */
export function createDatabaseClient(url: string | undefined, options: PrismaClientOptions = {}): DatabaseClient {
  const parsed = parseDatabaseUrl(options.variable ?? "DATABASE_URL", url);
  switch (parsed.driver) {
    case "accelerate": {
      // Accelerate's extension only adds optional caching arguments; the model API is unchanged.
      // Accelerate's extension goes last: it replaces the model methods, so query extensions
      // added after it (soft deletes, the caller) would never run.
      const base = withSoftDeletes(new PrismaClient({ accelerateUrl: parsed.url, errorFormat: ERROR_FORMAT }));
      const prisma = withAccelerateSession(
        base,
        (client) => client.$extends(withAccelerate()) as unknown as PrismaClient,
      );
      return { prisma, driver: "accelerate" };
    }
    case "neon": {
      // Node 20 has no global WebSocket.
      neonConfig.webSocketConstructor = ws;
      // The adapter owns this pool and listens for its errors; ours are logged the same way.
      const onConnectionError = options.onConnectionError ?? logConnectionError;
      const adapter = new PrismaNeon(
        { connectionString: driverConnectionString(parsed.url) },
        { schema: parsed.schema, onPoolError: onConnectionError, onConnectionError },
      );
      const prisma = withSoftDeletes(
        new PrismaClient({ adapter: withDatabaseSession(adapter), errorFormat: ERROR_FORMAT }),
      );
      return { prisma, driver: "neon" };
    }
    case "pg": {
      const pool = new pg.Pool({
        connectionString: driverConnectionString(parsed.url),
        max: options.maxConnections ?? 10,
        // Fail fast when the server is down instead of hanging the request.
        connectionTimeoutMillis: 5_000,
      });
      // node-postgres emits 'error' on the pool for an idle connection that dies, and on the
      // client for one that dies while checked out; with no listener, Node ends the process. A
      // listener on every client from the moment it connects also covers the moment the pool
      // hands an idle client to a waiting request, when neither has one (node-postgres #2762,
      // #3202). The broken connection is discarded; the next query gets a new one.
      const onConnectionError = options.onConnectionError ?? logConnectionError;
      pool.on("error", onConnectionError);
      pool.on("connect", (client) => client.on("error", onConnectionError));
      const adapter = new PrismaPg(pool, { schema: parsed.schema, disposeExternalPool: true, onConnectionError });
      const poolStats = () => ({
        max: pool.options.max ?? 10,
        open: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
      });
      const prisma = withSoftDeletes(
        new PrismaClient({ adapter: withDatabaseSession(adapter), errorFormat: ERROR_FORMAT }),
      );
      const probe = async (sql: string) => (await pool.query<Record<string, unknown>>(sql)).rows;
      return { prisma, driver: "pg", poolStats, probe };
    }
  }
}
