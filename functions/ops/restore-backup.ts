import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { DATABASE_ROLES } from "../db/database-roles.ts";
import { withDatabaseName } from "../db/database-url.ts";
import { type BackupManifest, sha256OfFile } from "./backup-manifest.ts";
import { type BackupName, parseBackupName } from "./backup-names.ts";
import type { BackupStore } from "./backup-store.ts";
import { libpqConnection } from "./libpq-connection.ts";
import { findPgTool, serverVersionOf } from "./pg-tools.ts";
import { runProgram } from "./run-program.ts";
import { checksumTables, compareChecksums } from "./table-checksums.ts";

/** The restore would overwrite something it was not told it may; nothing was changed. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreRefusedError";
  }
}

export interface RestoreResult {
  backup: BackupName;
  database: string;
  /** One line per table that differs from the manifest ([] when the restore is exact). */
  differences: string[];
  tables: number;
  rows: number;
  seconds: number;
}

/** Full backups in a store, oldest first; a dump without its manifest is unfinished and skipped. */
export async function listBackups(store: BackupStore): Promise<BackupName[]> {
  const files = await store.list();
  const names = new Set(files.map((file) => file.name));
  return files
    .map((file) => parseBackupName(file.name))
    .filter((backup): backup is BackupName => backup !== undefined && names.has(backup.manifest))
    .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
}

/** A database is production if its name says so or the command runs with NODE_ENV=production. */
export function looksLikeProduction(database: string, nodeEnv: string | undefined): boolean {
  return nodeEnv === "production" || /prod/i.test(database);
}

async function tableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`,
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/**
 * Restores a full backup into the database `database` on the server of `serverUrl`: creates
 * it if missing; refuses a database that has tables unless `overwrite` (then it is dropped and
 * recreated), and refuses a production database unless `production`. Checks the file against
 * the manifest's SHA-256 first, and afterwards compares every table's row count and checksum
 * with the manifest.
 */
export async function restoreBackup(options: {
  serverUrl: string;
  database: string;
  store: BackupStore;
  /** Dump file name; default: the newest full backup. */
  backup?: string;
  overwrite?: boolean;
  production?: boolean;
  nodeEnv?: string | undefined;
  onProgress?: (message: string) => void;
}): Promise<RestoreResult> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const backups = (await listBackups(options.store)).filter((backup) => backup.kind === "full");
  const backup = options.backup ? backups.find((b) => b.dump === options.backup) : backups.at(-1);
  if (!backup) {
    throw new RestoreRefusedError(
      options.backup
        ? `No complete full backup named ${options.backup} in ${options.store.location}.`
        : `No complete full backup in ${options.store.location}.`,
    );
  }
  if (looksLikeProduction(options.database, options.nodeEnv) && !options.production) {
    throw new RestoreRefusedError(
      `"${options.database}" is a production database: pass --production as well to restore into it.`,
    );
  }

  const maintenanceUrl = withDatabaseName(options.serverUrl, "postgres");
  const targetUrl = withDatabaseName(options.serverUrl, options.database);
  const admin = new pg.Client({ connectionString: maintenanceUrl });
  await admin.connect();
  const workDir = await mkdtemp(join(tmpdir(), "exitmatch-restore-"));
  try {
    const quoted = `"${options.database.replaceAll('"', '""')}"`;
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database])).rowCount;
    if (exists && (await tableCount(targetUrl)) > 0) {
      if (!options.overwrite) {
        throw new RestoreRefusedError(
          `"${options.database}" already has tables: pass --overwrite to replace it (it is dropped first).`,
        );
      }
      progress(`dropping ${options.database}`);
      await admin.query(`DROP DATABASE ${quoted} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${quoted}`);
    } else if (!exists) {
      await admin.query(`CREATE DATABASE ${quoted}`);
    }
    // The dump grants to the application roles; they are server-wide, so make sure they exist.
    for (const role of Object.values(DATABASE_ROLES)) {
      await admin.query(`DO $$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    }

    progress(`downloading ${backup.dump} from ${options.store.location}`);
    const dumpPath = join(workDir, backup.dump);
    const manifestPath = join(workDir, backup.manifest);
    await options.store.download(backup.manifest, manifestPath);
    await options.store.download(backup.dump, dumpPath);
    const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as BackupManifest;
    if ((await sha256OfFile(dumpPath)) !== manifest.dumpSha256) {
      throw new Error(`${backup.dump} does not match its manifest's SHA-256: the file is damaged.`);
    }

    const server = await serverVersionOf(admin);
    const pgRestore = await findPgTool("pg_restore", Math.max(server.major, manifest.pgDumpVersion));
    progress(`pg_restore ${pgRestore.major} into ${options.database}`);
    const connection = libpqConnection(targetUrl);
    await runProgram(
      pgRestore.path,
      ["--no-owner", "--exit-on-error", "--single-transaction", `--dbname=${connection.url}`, dumpPath],
      connection.env,
    );

    const client = new pg.Client({ connectionString: targetUrl });
    await client.connect();
    let restored: Awaited<ReturnType<typeof checksumTables>>;
    try {
      restored = await checksumTables(client, {
        onTable: (table, index, total) => progress(`  checked ${index}/${total}: ${table}`),
      });
    } finally {
      await client.end();
    }
    return {
      backup,
      database: options.database,
      differences: compareChecksums(manifest.tableChecksums, restored),
      tables: Object.keys(restored).length,
      rows: Object.values(restored).reduce((sum, table) => sum + table.rows, 0),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await admin.end().catch(() => {});
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Restores the newest full backup into a temporary database, compares every table with the
 * manifest (taken from the source in the dump's own snapshot), and drops the temporary database.
 */
export async function verifyNewestBackup(options: {
  serverUrl: string;
  store: BackupStore;
  onProgress?: (message: string) => void;
}): Promise<RestoreResult> {
  const database = `exitmatch_verify_${Date.now()}`;
  try {
    return await restoreBackup({ ...options, database });
  } finally {
    const admin = new pg.Client({ connectionString: withDatabaseName(options.serverUrl, "postgres") });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).finally(() => admin.end());
  }
}
