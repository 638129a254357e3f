import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EmbeddedPostgresBusyError,
  EmbeddedPostgresVersionError,
  startEmbeddedPostgres,
} from "../../functions/db/embedded-postgres.ts";
import { REPO_ROOT } from "../support/prisma-cli.ts";

const TEST_PORT = 54391;

async function selectOne(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (
      await client.query("SELECT current_database() AS db, current_setting('server_version_num')::int AS version")
    ).rows[0];
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  let dataDir: string;

  beforeAll(async () => {
    // Inside the repo's git-ignored .data so the postgres OS user (when running as root) can reach it.
    dataDir = await mkdtemp(join(REPO_ROOT, ".data", "embedded-test-"));
    await rm(dataDir, { recursive: true });
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("initialises on first start, serves PostgreSQL 15 with the requested database, and stops cleanly", async () => {
    const messages: string[] = [];
    const db = await startEmbeddedPostgres({
      dataDir,
      port: TEST_PORT,
      database: "exitmatch_embedded",
      onProgress: (m) => messages.push(m),
    });
    expect(messages.some((message) => message.startsWith("Initialising embedded PostgreSQL 15"))).toBe(true);
    const row = await selectOne(db.url);
    expect(row.db).toBe("exitmatch_embedded");
    expect(Math.floor(row.version / 10000)).toBe(15);
    await db.stop();
    expect(existsSync(join(dataDir, "postmaster.pid"))).toBe(false);
  });

  it("refuses a second instance on the same data directory with a clear message, or shares it when asked", async () => {
    const first = await startEmbeddedPostgres({ dataDir, port: TEST_PORT, database: "exitmatch_embedded" });
    try {
      await expect(
        startEmbeddedPostgres({ dataDir, port: TEST_PORT + 1, database: "exitmatch_embedded" }),
      ).rejects.toThrow(EmbeddedPostgresBusyError);
      await expect(
        startEmbeddedPostgres({ dataDir, port: TEST_PORT + 1, database: "exitmatch_embedded" }),
      ).rejects.toThrow(/is already running \(pid \d+, port 54391\), probably for another `npm start`/);
      const shared = await startEmbeddedPostgres({
        dataDir,
        port: TEST_PORT + 1,
        database: "exitmatch_embedded",
        reuseRunning: true,
      });
      expect(shared.startedHere).toBe(false);
      expect(shared.port).toBe(TEST_PORT);
      await shared.stop(); // leaves the owner's server running
      expect((await selectOne(first.url)).db).toBe("exitmatch_embedded");
    } finally {
      await first.stop();
    }
  });

  it("recovers from a stale lock left by a killed server, keeping the data", async () => {
    const db = await startEmbeddedPostgres({ dataDir, port: TEST_PORT, database: "exitmatch_embedded" });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query("CREATE TABLE IF NOT EXISTS survives (id int); INSERT INTO survives VALUES (1)");
    await client.end();

    // Simulate a crash: SIGKILL the postmaster, leaving postmaster.pid behind.
    const pid = Number((await readFile(join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    process.kill(pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Its backends may linger a moment; wait until none is left.
    spawnSync("sh", ["-c", `while pgrep -f "[p]ostgres -D ${dataDir}" >/dev/null; do sleep 0.1; done`], {
      timeout: 10_000,
    });
    expect(existsSync(join(dataDir, "postmaster.pid"))).toBe(true);

    const messages: string[] = [];
    const restarted = await startEmbeddedPostgres({
      dataDir,
      port: TEST_PORT,
      database: "exitmatch_embedded",
      onProgress: (m) => messages.push(m),
    });
    try {
      expect(messages).toContain(`Removed a stale lock left by PostgreSQL pid ${pid} (it was not shut down cleanly).`);
      const check = new pg.Client({ connectionString: restarted.url });
      await check.connect();
      expect((await check.query("SELECT count(*)::int AS n FROM survives")).rows[0].n).toBeGreaterThanOrEqual(1);
      await check.end();
    } finally {
      await restarted.stop();
    }
  });

  it("refuses a data folder made by another major version, saying what to do, and leaves it alone", async () => {
    const oldDir = await mkdtemp(join(REPO_ROOT, ".data", "embedded-old-"));
    try {
      await mkdir(join(oldDir, "base"));
      await writeFile(join(oldDir, "PG_VERSION"), "17\n");
      const starting = startEmbeddedPostgres({ dataDir: oldDir, port: TEST_PORT + 5, database: "x" });
      await expect(starting).rejects.toThrow(EmbeddedPostgresVersionError);
      await expect(starting).rejects.toThrow(
        /holds a PostgreSQL 17 database, but the embedded server is PostgreSQL 15/,
      );
      expect(await readFile(join(oldDir, "PG_VERSION"), "utf8")).toBe("17\n");
    } finally {
      await rm(oldDir, { recursive: true, force: true });
    }
  });
});
