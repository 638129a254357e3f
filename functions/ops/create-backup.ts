import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { systemClock } from "../clock/clock.ts";
import { databaseNameOf } from "../db/database-url.ts";
import { type BackupManifest, sha256OfFile } from "./backup-manifest.ts";
import { type BackupName, backupName } from "./backup-names.ts";
import type { BackupStore } from "./backup-store.ts";
import { libpqConnection } from "./libpq-connection.ts";
import { UnknownTableError } from "./maintenance.ts";
import { findPgTool, serverVersionOf } from "./pg-tools.ts";
import { runProgram } from "./run-program.ts";
import { checksumTables, listTables } from "./table-checksums.ts";

export interface BackupResult {
  name: BackupName;
  manifest: BackupManifest;
  seconds: number;
}

/**
 * A logical backup with pg_dump (custom format, compressed), of the whole database or of
 * selected tables, to a local folder or S3. The dump reads an exported snapshot, and the row
 * counts and checksums in the manifest are read in that same snapshot, so `backup verify` can
 * prove a restore holds exactly what was dumped, however busy the database was. Needs a direct
 * connection (a transaction pooler cannot hold a snapshot).
 */
export async function createBackup(options: {
  url: string;
  store: BackupStore;
  tables?: string[];
  now?: Date;
  onProgress?: (message: string) => void;
}): Promise<BackupResult> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const kind = options.tables && options.tables.length > 0 ? "tables" : "full";
  const name = backupName(databaseNameOf(options.url), options.now ?? systemClock.now(), kind);
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  const workDir = await mkdtemp(join(tmpdir(), "exitmatch-backup-"));
  try {
    const allTables = await listTables(client);
    const server = await serverVersionOf(client);
    const missing = (options.tables ?? []).filter((table) => !allTables.includes(table));
    if (missing.length > 0) throw new UnknownTableError(missing);
    const pgDump = await findPgTool("pg_dump", server.major);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
    const connection = libpqConnection(options.url);
    const dumpPath = join(workDir, name.dump);
    const tableArgs = (options.tables ?? []).flatMap((table) => ["--table", `public."${table}"`]);
    progress(`pg_dump ${pgDump.major} → ${name.dump}`);
    const [, checksums] = await Promise.all([
      runProgram(
        pgDump.path,
        [
          "--format=custom",
          "--compress=6",
          `--snapshot=${snapshot}`,
          `--file=${dumpPath}`,
          ...tableArgs,
          `--dbname=${connection.url}`,
        ],
        connection.env,
      ),
      // A partial backup checksums only its own tables.
      checksumTables(client, {
        tables: kind === "tables" ? options.tables : allTables,
        onTable: (table, index, total) => progress(`  checksummed ${index}/${total}: ${table}`),
      }),
    ]);
    // None on a database that was never migrated (it can still be backed up).
    const migrations = allTables.includes("_prisma_migrations")
      ? (
          await client.query<{ name: string }>(
            `SELECT migration_name AS name FROM _prisma_migrations
             WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
          )
        ).rows.map((row) => row.name)
      : [];
    await client.query("COMMIT");

    const manifest: BackupManifest = {
      format: "exitmatch-backup",
      version: 1,
      database: name.database,
      kind,
      tables: kind === "tables" ? options.tables! : null,
      takenAt: name.takenAt.toISOString(),
      serverVersion: server.version,
      pgDumpVersion: pgDump.major,
      dumpBytes: (await stat(dumpPath)).size,
      dumpSha256: await sha256OfFile(dumpPath),
      migrations,
      tableChecksums: checksums,
    };
    const manifestPath = join(workDir, name.manifest);
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    progress(`uploading to ${options.store.location} (${(manifest.dumpBytes / 1e6).toFixed(1)} MB)`);
    await options.store.upload(dumpPath, name.dump);
    await options.store.upload(manifestPath, name.manifest);
    return { name, manifest, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end().catch(() => {});
    await rm(workDir, { recursive: true, force: true });
  }
}
