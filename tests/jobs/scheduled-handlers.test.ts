// The scheduled functions as the cloud calls them (issue 12), against a real database (and, for
// the snapshot, a local stand-in for Neon's HTTP API): each does its work and reports the
// outcome as the CloudWatch metric its alarm watches (functions/jobs/job-report.ts).
import { createServer, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { fixedClock } from "../../functions/clock/clock.ts";
import { createAuditSealHandler } from "../../functions/jobs/audit-seal-handler.ts";
import { handler as auditVerify } from "../../functions/jobs/audit-verify-handler.ts";
import { createOutboxHandler } from "../../functions/jobs/outbox-handler.ts";
import { handler as snapshot } from "../../functions/jobs/snapshot-handler.ts";
import { enqueueMessage } from "../../functions/outbox/enqueue-message.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { seedTestData } from "../support/seed.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** Runs `work` and returns the metric lines (Embedded Metric Format) it printed to stdout. */
async function metricsOf(work: () => Promise<unknown>) {
  const lines: string[] = [];
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  vi.spyOn(console, "log").mockImplementation(() => {});
  let outcome: { result?: unknown; error?: unknown } = {};
  try {
    outcome = { result: await work() };
  } catch (error) {
    outcome = { error };
  } finally {
    stdout.mockRestore();
    vi.mocked(console.log).mockRestore();
  }
  const metrics = lines
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as { Job: string; JobSucceeded?: number; JobFailed?: number; _aws: unknown });
  return { ...outcome, metrics };
}

describe("scheduled functions", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    vi.stubEnv("DATABASE_URL", db.url);
    vi.stubEnv("SST_STAGE", "test-stage");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await db.drop();
  });

  it("audit-seal: seals every second for its run, new rows included, and reports success", async () => {
    const before = (
      await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_logs WHERE chain_position IS NULL")
    )[0]!.n;
    expect(before).toBeGreaterThan(0);
    const handler = createAuditSealHandler({ runForMs: 600, intervalMs: 200 });
    const writeDuringRun = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await db.query(
        "INSERT INTO audit_logs (table_name, row_id, action) VALUES ('businesses', 'during-run', 'UPDATE')",
      );
    })();
    const run = await metricsOf(() => handler());
    await writeDuringRun;
    expect(run.error).toBeUndefined();
    expect(run.result).toMatchObject({ sealed: before + 1 });
    expect((run.result as { rounds: number }).rounds).toBeGreaterThanOrEqual(3);
    expect(run.metrics).toEqual([expect.objectContaining({ Job: "audit-seal", JobSucceeded: 1 })]);
    expect(await db.query("SELECT count(*)::int AS n FROM audit_logs WHERE chain_position IS NULL")).toEqual([
      { n: 0 },
    ]);
  });

  it("audit-verify: intact chains report success; a tampered row fails the run and reports failure", async () => {
    await createAuditSealHandler({ runForMs: 0 })();
    const intact = await metricsOf(() => auditVerify());
    expect(intact.error).toBeUndefined();
    expect(intact.result).toMatchObject({ audit: { ok: true }, activity: { ok: true } });
    expect(intact.metrics).toEqual([
      expect.objectContaining({ Stage: "test-stage", Job: "audit-verify", JobSucceeded: 1 }),
    ]);
    expect(intact.metrics[0]?._aws).toMatchObject({
      CloudWatchMetrics: [
        { Namespace: "ExitMatch", Dimensions: [["Stage", "Job"]], Metrics: [{ Name: "JobSucceeded" }] },
      ],
    });

    await db.query("ALTER TABLE audit_logs DISABLE TRIGGER USER");
    await db.query(
      "UPDATE audit_logs SET row_id = 'someone-else' WHERE chain_position = (SELECT min(chain_position) FROM audit_logs)",
    );
    await db.query("ALTER TABLE audit_logs ENABLE TRIGGER USER");
    const tampered = await metricsOf(() => auditVerify());
    expect(String(tampered.error)).toMatch(/audit chain broken at row \d+/);
    expect(tampered.metrics).toEqual([expect.objectContaining({ Job: "audit-verify", JobFailed: 1 })]);
  });

  it("outbox: delivers what is due and reports success", async () => {
    const clock = fixedClock(TEST_NOW);
    await db.query("DELETE FROM outbox_messages");
    for (const n of [1, 2]) {
      await enqueueMessage(
        db.appPrisma,
        { kind: "test.ready", to: { email: `person.${n}@example.co.uk` }, subject: `Hello ${n}`, body: "Hi" },
        clock.now(),
      );
    }
    // The seeded offer on hold on business-3 is past its open-until time: the run expires it.
    await db.prisma.offer.update({
      where: { id: stableId("offer-2") },
      data: { openUntil: new Date(TEST_NOW.getTime() - 3_600_000) },
    });
    const run = await metricsOf(() => createOutboxHandler(clock)());
    expect(run.error).toBeUndefined();
    expect(await db.prisma.offer.findUniqueOrThrow({ where: { id: stableId("offer-2") } })).toMatchObject({
      status: "EXPIRED",
    });
    // Its buyer, the seller and the listing's advisor are told, by e-mail.
    const offerMessages = await db.prisma.outboxMessage.count({ where: { kind: "notification.OFFERS" } });
    expect(offerMessages).toBe(3);
    // The seed's inquiries that have waited 3 or 7 days remind their sellers in the same run.
    const reminders = await db.prisma.notification.count({ where: { topic: "INQUIRY_REMINDERS" } });
    expect(reminders).toBeGreaterThan(0);
    expect(run.result).toEqual({
      sent: 2 + reminders + offerMessages,
      cancelled: 0,
      retrying: 0,
      dead: 0,
      events: 0,
      reminders,
      offersExpired: 1,
      exclusivitiesReleased: 0,
      exclusivityReminders: 0,
      digests: 0,
    });
    expect(await db.prisma.outboxMessage.count({ where: { kind: "test.ready", status: "SENT" } })).toBe(2);
    expect(run.metrics).toEqual([expect.objectContaining({ Job: "outbox", JobSucceeded: 1 })]);
    expect(await db.query("SELECT DISTINCT status FROM outbox_messages")).toEqual([{ status: "SENT" }]);
  });

  describe("snapshot, through Neon's HTTP API (a local stand-in)", () => {
    let server: Server;
    const requests: string[] = [];
    const branches: { id: string; name: string; parent_id: string | null; created_at: string }[] = [
      { id: "br-main", name: "main", parent_id: null, created_at: "2026-01-01T00:00:00Z" },
    ];
    let failCreates = false;

    beforeAll(async () => {
      server = createServer((request, response) => {
        let body = "";
        request.on("data", (chunk) => (body += chunk));
        request.on("end", () => {
          requests.push(`${request.method} ${request.url} ${request.headers.authorization}`);
          const reply = (status: number, json: unknown) => {
            response.writeHead(status, { "content-type": "application/json" });
            response.end(JSON.stringify(json));
          };
          if (request.method === "GET" && request.url === "/projects/p-prod/branches") return reply(200, { branches });
          if (request.method === "POST" && request.url === "/projects/p-prod/branches") {
            if (failCreates) return reply(423, { message: "project is locked" });
            const input = JSON.parse(body) as { branch: { name: string; parent_id: string } };
            const created = {
              id: `br-${branches.length}`,
              name: input.branch.name,
              parent_id: input.branch.parent_id,
              created_at: "2026-12-01T02:00:00Z",
              current_state: "ready",
            };
            branches.push(created);
            return reply(201, { branch: created });
          }
          reply(404, { message: "not found" });
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      vi.stubEnv("NEON_API_URL", `http://127.0.0.1:${(server.address() as { port: number }).port}`);
      vi.stubEnv("NEON_API_KEY", "neon-key-for-tests");
      vi.stubEnv("NEON_PROJECT_ID", "p-prod");
      vi.stubEnv("NEON_BRANCH_ID", "br-main");
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    afterEach(() => {
      failCreates = false;
    });

    it("branches production, rotates, and reports success", async () => {
      const run = await metricsOf(() => snapshot());
      expect(run.error).toBeUndefined();
      expect(run.result).toMatchObject({ created: expect.stringMatching(/^snapshot-\d{8}T\d{6}Z$/), deleted: [] });
      expect(requests).toEqual([
        "POST /projects/p-prod/branches Bearer neon-key-for-tests",
        "GET /projects/p-prod/branches Bearer neon-key-for-tests",
      ]);
      expect(branches.at(-1)).toMatchObject({ parent_id: "br-main" });
      expect(run.metrics).toEqual([expect.objectContaining({ Job: "snapshot", JobSucceeded: 1 })]);
    });

    it("fails with Neon's answer and reports failure", async () => {
      failCreates = true;
      const run = await metricsOf(() => snapshot());
      expect(String(run.error)).toContain("423");
      expect(String(run.error)).toContain("project is locked");
      expect(run.metrics).toEqual([expect.objectContaining({ Job: "snapshot", JobFailed: 1 })]);
    });
  });
});
