import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDatabaseName } from "../../functions/db/database-url.ts";
import { LocalBackupStore } from "../../functions/ops/backup-store.ts";
import { createBackup } from "../../functions/ops/create-backup.ts";
import { findPgTool, PgToolError } from "../../functions/ops/pg-tools.ts";
import {
  listBackups,
  RestoreRefusedError,
  restoreBackup,
  verifyNewestBackup,
} from "../../functions/ops/restore-backup.ts";
import { checksumTables } from "../../functions/ops/table-checksums.ts";
import { TEST_DATABASE_PREFIX } from "../support/database-names.ts";
import { runCommand } from "../support/run-command.ts";
import { seedTestData } from "../support/seed.ts";
import { createTestDatabase, onServer, serverUrl, type TestDatabase } from "../support/test-database.ts";

async function checksumsOf(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await checksumTables(client);
  } finally {
    await client.end();
  }
}

// pg_dump and pg_restore 15+ come from the PostgreSQL client package (.ci/run installs it). Without
// them these tests are skipped locally, as the pgbouncer ones are, and fail in CI.
const hasClientTools = await Promise.all([findPgTool("pg_dump", 15), findPgTool("pg_restore", 15)]).then(
  () => true,
  () => false,
);

describe.skipIf(!hasClientTools && !process.env.CI)(
  "backup, restore, verify (pg_dump and pg_restore against a real server)",
  () => {
    let db: TestDatabase;
    let folder: string;
    let store: LocalBackupStore;
    const target = `${TEST_DATABASE_PREFIX}restored_${process.pid}`;

    beforeAll(async () => {
      db = await createTestDatabase();
      await seedTestData(db.prisma);
      folder = await mkdtemp(join(tmpdir(), "exitmatch-backups-"));
      store = new LocalBackupStore(folder);
    });
    afterAll(async () => {
      await onServer(`DROP DATABASE IF EXISTS "${target}" WITH (FORCE)`);
      await db.drop();
      await rm(folder, { recursive: true, force: true });
    });

    it("backs up, restores into a fresh database, and the restore equals the source table for table", async () => {
      const progress: string[] = [];
      const backup = await createBackup({ url: db.url, store, onProgress: (message) => progress.push(message) });
      expect(backup.name.dump).toMatch(new RegExp(`^${db.name}-\\d{8}T\\d{6}Z\\.dump$`));
      expect((await store.list()).map((file) => file.name)).toEqual([backup.name.dump, backup.name.manifest]);
      const manifest = backup.manifest;
      expect(manifest.dumpSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(manifest.migrations.length).toBeGreaterThan(5);
      expect(manifest.tableChecksums.users!.rows).toBeGreaterThan(10);
      expect(progress.some((message) => message.startsWith("pg_dump"))).toBe(true);

      const restored = await restoreBackup({ serverUrl: db.url, database: target, store });
      expect(restored.differences).toEqual([]);
      expect(await checksumsOf(withDatabaseName(db.url, target))).toEqual(await checksumsOf(db.url));
      // Triggers, policies and grants came back too: the audit trail still chains.
      const [row] = await onServer<{ n: number }>(`SELECT count(*)::int AS n FROM pg_database WHERE datname = $1`, [
        target,
      ]);
      expect(row!.n).toBe(1);
      const client = new pg.Client({ connectionString: withDatabaseName(db.url, target) });
      await client.connect();
      try {
        const policies = await client.query("SELECT 1 FROM pg_policies WHERE tablename = 'documents'");
        expect(policies.rowCount).toBeGreaterThan(0);
        await expect(client.query("DELETE FROM audit_logs")).rejects.toThrow(/append-only/);
      } finally {
        await client.end();
      }
    });

    it("the manifest describes the data as dumped, even when writes land during the backup", async () => {
      const writer = (async () => {
        for (let i = 0; i < 20; i += 1) {
          await db.query("UPDATE businesses SET view_count = view_count + 1");
        }
      })();
      const backup = await createBackup({ url: db.url, store, now: new Date(Date.now() + 2000) });
      await writer;
      const verified = await verifyNewestBackup({ serverUrl: db.url, store });
      expect(verified.backup.dump).toBe(backup.name.dump);
      expect(verified.differences).toEqual([]);
    });

    it("verify names each table that differs, and a damaged dump is refused before restoring", async () => {
      const [newest] = (await listBackups(store)).slice(-1);
      const manifestPath = join(folder, newest!.manifest);
      const original = await readFile(manifestPath, "utf8");
      const manifest = JSON.parse(original);
      manifest.tableChecksums.users.rows += 1;
      manifest.tableChecksums.businesses.checksum = "1";
      await writeFile(manifestPath, JSON.stringify(manifest));
      const report = await verifyNewestBackup({ serverUrl: db.url, store });
      expect(report.differences).toEqual([
        "businesses: same row count (5), different content".replace(
          "5",
          String(manifest.tableChecksums.businesses.rows),
        ),
        `users: ${manifest.tableChecksums.users.rows} rows in the source, ${manifest.tableChecksums.users.rows - 1} restored`,
      ]);
      await writeFile(manifestPath, original);

      const dumpPath = join(folder, newest!.dump);
      const bytes = await readFile(dumpPath);
      bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
      await writeFile(dumpPath, bytes);
      await expect(verifyNewestBackup({ serverUrl: db.url, store })).rejects.toThrow(
        /does not match its manifest's SHA-256/,
      );
      bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
      await writeFile(dumpPath, bytes);
    });

    it("refuses to overwrite a database with tables unless told, and a production database unless told twice", async () => {
      const before = await checksumsOf(withDatabaseName(db.url, target));
      await expect(restoreBackup({ serverUrl: db.url, database: target, store })).rejects.toThrow(RestoreRefusedError);
      await expect(restoreBackup({ serverUrl: db.url, database: target, store })).rejects.toThrow(
        /already has tables: pass --overwrite/,
      );
      expect(await checksumsOf(withDatabaseName(db.url, target))).toEqual(before);
      const again = await restoreBackup({ serverUrl: db.url, database: target, store, overwrite: true });
      expect(again.differences).toEqual([]);

      await expect(
        restoreBackup({ serverUrl: db.url, database: `${TEST_DATABASE_PREFIX}production_copy`, store }),
      ).rejects.toThrow(/production database: pass --production/);
      await expect(
        restoreBackup({ serverUrl: db.url, database: target, store, overwrite: true, nodeEnv: "production" }),
      ).rejects.toThrow(/production/);
    });

    it("backs up selected tables only", async () => {
      const backup = await createBackup({ url: db.url, store, tables: ["users", "businesses"] });
      expect(backup.name.dump).toMatch(/-tables\.dump$/);
      expect(Object.keys(backup.manifest.tableChecksums)).toEqual(["users", "businesses"]);
      await expect(createBackup({ url: db.url, store, tables: ["no_such_table"] })).rejects.toThrow(/No such table/);
    });

    it("the ops CLI backs up and verifies with exit code 0, and refuses a non-empty restore with 1", async () => {
      const env = { DATABASE_URL: db.url, DIRECT_URL: "", BACKUP_LOCATION: folder };
      const backup = await runCommand("functions/cli/ops.ts", ["backup"], env);
      expect(backup.output).toMatch(/Backed up .* to .*\.dump: [\d.]+ MB in [\d.]+ s/);
      expect(backup.code).toBe(0);
      const verify = await runCommand("functions/cli/ops.ts", ["backup", "verify"], env);
      expect(verify.output).toContain("Every table matches the backup's manifest");
      expect(verify.code).toBe(0);
      const refused = await runCommand("functions/cli/ops.ts", ["restore", "--into", target], env);
      expect(refused.output).toContain("already has tables");
      expect(refused.code).toBe(1);
      const usage = await runCommand("functions/cli/ops.ts", ["restore"], env);
      expect(usage.code).toBe(2);
      const help = await runCommand("functions/cli/ops.ts", ["backup", "rotate", "--help"], {});
      expect([help.code, help.output.trim().split("\n")[0]]).toEqual([
        0,
        "Usage: npm run ops -- backup rotate [--dry-run] [--daily 7] [--weekly 4] [--monthly 12] [--location ...]",
      ]);
    });
  },
);

describe("finding pg_dump", () => {
  let bin: string;
  beforeAll(async () => {
    bin = await mkdtemp(join(tmpdir(), "exitmatch-pgbin-"));
    await writeFile(join(bin, "pg_dump"), "#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.2'\n");
    await chmod(join(bin, "pg_dump"), 0o755);
  });
  afterAll(() => rm(bin, { recursive: true, force: true }));

  it("says in one line what to install when pg_dump is older than the server", async () => {
    process.env.PG_BIN_DIR = bin;
    try {
      const error = await findPgTool("pg_dump", 15).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PgToolError);
      expect((error as Error).message).toBe(
        "pg_dump 13.2 is older than the server (PostgreSQL 15): install the PostgreSQL 15 client tools " +
          "(Debian/Ubuntu: apt-get install postgresql-client-15, or postgresql-client where that is 15+; " +
          "macOS: brew install libpq) or point PG_BIN_DIR at them.",
      );
      await expect(findPgTool("pg_dump", 13)).resolves.toMatchObject({ major: 13 });
    } finally {
      delete process.env.PG_BIN_DIR;
    }
  });

  it("says the same when it is missing, and the CLI exits 3", async () => {
    const path = process.env.PATH;
    process.env.PATH = bin;
    try {
      await expect(findPgTool("pg_restore", 15)).rejects.toThrow(
        /^pg_restore was not found: install the PostgreSQL 15 client tools/,
      );
    } finally {
      process.env.PATH = path;
    }
    const result = await runCommand("functions/cli/ops.ts", ["backup"], {
      PG_BIN_DIR: bin,
      BACKUP_LOCATION: bin,
      DATABASE_URL: serverUrl(),
      DIRECT_URL: "",
    });
    expect(result.code).toBe(3);
    expect(result.output.trim().split("\n").at(-1)).toMatch(/^Error: pg_dump 13\.2 is older than the server/);
  });
});
