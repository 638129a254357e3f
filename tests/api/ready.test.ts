import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../functions/db/apply-migrations.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../../functions/db/embedded-postgres.ts";
import { createDatabaseClient } from "../../functions/db/prisma-client.ts";
import { freePort } from "../support/free-port.ts";
import { REPO_ROOT } from "../support/prisma-cli.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase } from "../support/test-database.ts";

describe("GET /ready", () => {
  let dataDir: string;
  let port: number;
  let server: EmbeddedDatabase;

  beforeAll(async () => {
    // A server of its own, so the test can stop it and start it again.
    dataDir = await mkdtemp(join(REPO_ROOT, ".data", "ready-test-"));
    await rm(dataDir, { recursive: true });
    port = await freePort();
    server = await startEmbeddedPostgres({ dataDir, port, database: "ready" });
    await applyMigrations(server.url);
  });
  afterAll(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("goes not-ready when the database stops, quickly and without internals, and recovers when it returns", async () => {
    const { prisma } = createDatabaseClient(server.url);
    const { app } = createTestApp(prisma);
    try {
      const ready = await app.request("/ready");
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: "ready",
        checks: { database: "ok", migrations: "ok", pool: "unknown" },
      });

      await server.stop();
      const started = performance.now();
      const down = await app.request("/ready");
      expect(down.status).toBe(503);
      expect(performance.now() - started).toBeLessThan(5_000);
      const text = await down.text();
      expect(JSON.parse(text)).toMatchObject({ status: "not_ready", checks: { database: "failing" } });
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|password/);

      server = await startEmbeddedPostgres({ dataDir, port, database: "ready" });
      const back = await app.request("/ready");
      expect(back.status).toBe(200);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("is not ready while migrations are missing", async () => {
    const db = await createTestDatabase();
    try {
      const [newest] = await db.query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1",
      );
      await db.query("DELETE FROM _prisma_migrations WHERE migration_name = $1", [newest!.migration_name]);
      const response = await createTestApp(db.appPrisma).app.request("/ready");
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ checks: { database: "ok", migrations: "failing" } });
    } finally {
      await db.drop();
    }
  });

  it("is not ready while the connection pool is exhausted", async () => {
    const db = await createTestDatabase();
    const { prisma, poolStats } = createDatabaseClient(db.url, { maxConnections: 1 });
    try {
      const { app } = createTestApp(prisma, { poolStats });
      expect(poolStats).toBeDefined();
      // Two transactions on a one-connection pool: the second waits for the connection.
      const sleepInTransaction = () =>
        prisma.$transaction(
          async (tx) => {
            await tx.$queryRaw`SELECT pg_sleep(0.6)::text`;
          },
          { maxWait: 5_000, timeout: 5_000 },
        );
      const both = Promise.all([sleepInTransaction(), sleepInTransaction()]);
      let waiting = 0;
      for (let attempt = 0; attempt < 40 && waiting === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        waiting = poolStats!().waiting;
      }
      expect(waiting).toBeGreaterThan(0);
      const response = await app.request("/ready");
      expect(((await response.json()) as { checks: { pool: string } }).checks.pool).toBe("failing");
      await both;
      const after = await app.request("/ready");
      expect(((await after.json()) as { checks: { pool: string } }).checks.pool).toBe("ok");
    } finally {
      await prisma.$disconnect();
      await db.drop();
    }
  });
});
