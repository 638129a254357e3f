import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOW_TO_ENABLE_PG_STAT_STATEMENTS, healthReport } from "../../functions/ops/health-report.ts";
import { runMaintenance, UnknownTableError } from "../../functions/ops/maintenance.ts";
import { runCommand } from "../support/run-command.ts";
import { seedTestData } from "../support/seed.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("ops health and maintenance on a real database", () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it("reports sizes, indexes, connections, and how to enable pg_stat_statements when it is missing", async () => {
    const report = await healthReport(client);
    expect(report.database.name).toBe(db.name);
    expect(report.database.bytes).toBeGreaterThan(1_000_000);
    expect(report.tables.map((table) => table.table)).toEqual(
      expect.arrayContaining(["users", "businesses", "audit_logs"]),
    );
    // The guide's order: largest first.
    const sizes = report.tables.map((table) => table.bytes);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(report.indexes.some((index) => index.unused && !index.index.endsWith("_pkey"))).toBe(true);
    expect(report.connections.used).toBeGreaterThan(0);
    expect(report.connections.max).toBeGreaterThan(report.connections.used);
    expect(report.slowQueries).toEqual({ available: false, howToEnable: HOW_TO_ENABLE_PG_STAT_STATEMENTS });
    expect(report.problems).toEqual([]);
  });

  it("lists the slowest statements once pg_stat_statements is enabled", async () => {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await client.query("SELECT pg_sleep(0.2)");
    const report = await healthReport(client);
    expect(report.slowQueries.available).toBe(true);
    if (!report.slowQueries.available) return;
    const slowest = report.slowQueries.queries[0]!;
    expect(slowest.query).toContain("pg_sleep");
    expect(slowest.meanMs).toBeGreaterThanOrEqual(200);
  });

  it("flags long-running queries and sessions blocked on a lock, naming the blocker", async () => {
    const holder = new pg.Client({ connectionString: db.url });
    const waiter = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await waiter.connect();
    try {
      // A row lock, as a stuck transaction in the app would hold one.
      await holder.query("BEGIN");
      await holder.query("SELECT id FROM valuations ORDER BY id LIMIT 1 FOR UPDATE");
      const holderPid = (await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const waiting = waiter
        .query("UPDATE valuations SET notes = 'waiting' WHERE id = (SELECT id FROM valuations ORDER BY id LIMIT 1)")
        .catch(() => {});
      await sleep(1200);
      const report = await healthReport(client, { longRunningSeconds: 1 });
      expect(report.blockedLocks).toEqual([expect.objectContaining({ blockedBy: [holderPid] })]);
      expect(report.longRunning.length).toBeGreaterThan(0);
      expect(report.problems.some((problem) => problem.includes(`held by ${holderPid}`))).toBe(true);
      await holder.query("ROLLBACK");
      await waiting;
    } finally {
      await holder.end();
      await waiter.end();
    }
    expect((await healthReport(client)).blockedLocks).toEqual([]);
  });

  it("flags tables whose dead rows outgrow the live ones, and VACUUM clears them", async () => {
    await client.query("CREATE TABLE churn AS SELECT g AS id FROM generate_series(1, 5000) g");
    await client.query("DELETE FROM churn WHERE id > 1000");
    // The statistics collector reports with a delay; wait for it to see the deletes.
    for (let i = 0; i < 50; i += 1) {
      const [row] = (
        await client.query<{ n: string }>("SELECT n_dead_tup AS n FROM pg_stat_user_tables WHERE relname = 'churn'")
      ).rows;
      if (Number(row?.n) >= 4000) break;
      await sleep(100);
    }
    expect((await healthReport(client)).bloat).toEqual([
      expect.objectContaining({ table: "churn", deadRows: 4000, liveRows: 1000 }),
    ]);
    const steps = await runMaintenance(client, { tasks: ["vacuum"], tables: ["churn"] });
    expect(steps.map((step) => step.sql)).toEqual(['VACUUM (ANALYZE) public."churn"']);
    for (let i = 0; i < 50; i += 1) {
      if ((await healthReport(client)).bloat.length === 0) break;
      await sleep(100);
    }
    expect((await healthReport(client)).bloat).toEqual([]);
    await client.query("DROP TABLE churn");
  });

  it("runs ANALYZE, VACUUM ANALYZE and REINDEX CONCURRENTLY per table or on every table, with progress", async () => {
    const fileNode = async () =>
      (await client.query<{ node: string }>("SELECT pg_relation_filenode('businesses_pkey') AS node")).rows[0]!.node;
    const before = await fileNode();
    const seen: string[] = [];
    const steps = await runMaintenance(client, {
      tasks: ["analyze", "reindex"],
      tables: ["businesses"],
      onStep: (step, index, total) => seen.push(`${index}/${total} ${step.sql}`),
    });
    expect(seen).toEqual(['1/2 ANALYZE public."businesses"', '2/2 REINDEX TABLE CONCURRENTLY public."businesses"']);
    expect(steps.every((step) => step.ms >= 0)).toBe(true);
    expect(await fileNode()).not.toBe(before);
    const analyzed = await client.query(
      "SELECT 1 FROM pg_stat_user_tables WHERE relname = 'businesses' AND last_analyze IS NOT NULL",
    );
    expect(analyzed.rowCount).toBe(1);

    const everywhere = await runMaintenance(client, { tasks: ["vacuum"] });
    expect(everywhere.length).toBeGreaterThan(15);
    await expect(runMaintenance(client, { tasks: ["analyze"], tables: ["nope"] })).rejects.toThrow(UnknownTableError);
  });

  it("the CLI prints the report and exits 0 when healthy; maintenance shows each step", async () => {
    const env = { DATABASE_URL: db.url, DIRECT_URL: "" };
    const health = await runCommand("functions/cli/ops.ts", ["health"], env);
    expect(health.output).toContain(`Database ${db.name}:`);
    expect(health.output).toContain("No problems found.");
    expect(health.code).toBe(0);
    const json = await runCommand("functions/cli/ops.ts", ["health", "--json"], env);
    expect(JSON.parse(json.output.slice(json.output.indexOf("{")))).toHaveProperty("connections");
    const maintenance = await runCommand("functions/cli/ops.ts", ["maintenance", "--vacuum", "--table", "users"], env);
    expect(maintenance.output).toMatch(/\[1\/1\] VACUUM \(ANALYZE\) public\."users" \(\d+ ms\)/);
    expect(maintenance.code).toBe(0);
    const unknown = await runCommand("functions/cli/ops.ts", ["maintenance", "--table", "nope"], env);
    expect([unknown.code, unknown.output.trim()]).toEqual([1, "Error: No such table: nope"]);
  });
});
