// The retention jobs' cut-offs and bookkeeping, each on a fresh database.
import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sealAuditChain } from "../../functions/audit/seal-audit-chain.ts";
import { verifyAuditChain } from "../../functions/audit/verify-audit-chain.ts";
import { fixedClock } from "../../functions/clock/clock.ts";
import { cutoffFor, runRetentionJob } from "../../functions/retention/retention-jobs.ts";
import { LocalDiskStorage } from "../../functions/storage/local-disk-storage.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { seedTestData } from "../support/seed.ts";
import { createTestDatabase } from "../support/test-database.ts";

const NOW = new Date("2026-11-25T12:00:00Z");
const clock = fixedClock(NOW);
const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const storage = async () => new LocalDiskStorage(await mkdtemp(join(tmpdir(), "exitmatch-retention-rules-")));

describe("retention rules", () => {
  it("cuts off each job at its own period", () => {
    expect(
      Object.fromEntries(
        (["users", "listings", "audit-logs", "financials", "expired-records"] as const).map((job) => [
          job,
          cutoffFor(job, NOW).toISOString(),
        ]),
      ),
    ).toEqual({
      users: "2026-10-26T12:00:00.000Z",
      listings: "2025-11-25T12:00:00.000Z",
      "audit-logs": "2019-11-25T12:00:00.000Z",
      financials: "2020-11-25T12:00:00.000Z",
      "expired-records": "2026-11-24T12:00:00.000Z",
    });
  });

  it("deletes sent and dead e-mails after 30 days and spent or expired tokens after a day, counting them first", async () => {
    const db = await createTestDatabase();
    const files = await storage();
    try {
      await seedTestData(db.prisma);
      // Whatever the seed left due goes first, so the counts below are exactly the fixtures.
      await runRetentionJob(db.appPrisma, files, "expired-records", { clock });
      const message = (status: "PENDING" | "SENT" | "DEAD", createdAt: Date) =>
        db.prisma.outboxMessage.create({
          data: {
            kind: "test",
            idempotencyKey: randomUUID(),
            recipientEmail: "a@example.co.uk",
            status,
            nextAttemptAt: createdAt,
            createdAt,
          },
          select: { id: true },
        });
      const sentOld = await message("SENT", ago(31 * DAY));
      const deadOld = await message("DEAD", ago(31 * DAY));
      const sentRecent = await message("SENT", ago(29 * DAY));
      const pendingOld = await message("PENDING", ago(40 * DAY));
      const token = (data: { expiresAt: Date; usedAt?: Date }) =>
        db.prisma.userToken.create({
          data: { userId: stableId("buyer-1"), purpose: "PASSWORD_RESET", tokenHash: randomUUID(), ...data },
          select: { id: true },
        });
      const expired = await token({ expiresAt: ago(2 * DAY) });
      const used = await token({ expiresAt: new Date(NOW.getTime() + DAY), usedAt: ago(2 * DAY) });
      const live = await token({ expiresAt: new Date(NOW.getTime() + DAY) });

      const dry = await runRetentionJob(db.appPrisma, files, "expired-records", { clock, dryRun: true });
      expect(dry.processed).toBe(4);
      expect((await runRetentionJob(db.appPrisma, files, "expired-records", { clock })).processed).toBe(4);
      const messagesLeft = await db.prisma.outboxMessage.findMany({
        where: { id: { in: [sentOld.id, deadOld.id, sentRecent.id, pendingOld.id] } },
        select: { id: true },
      });
      expect(messagesLeft.map((row) => row.id).sort()).toEqual([sentRecent.id, pendingOld.id].sort());
      const tokensLeft = await db.prisma.userToken.findMany({
        where: { id: { in: [expired.id, used.id, live.id] } },
        select: { id: true },
      });
      expect(tokensLeft.map((row) => row.id)).toEqual([live.id]);
    } finally {
      await db.drop();
    }
  });

  it("purges the oldest audit rows once they form the start of the chain, counting only rows over 7 years old", async () => {
    const db = await createTestDatabase();
    try {
      await db.query(
        `INSERT INTO audit_logs (table_name, row_id, action, occurred_at)
         SELECT 'businesses', 'ancient-' || n, 'UPDATE', $1::timestamptz - interval '7 years 1 day'
         FROM generate_series(1, 5) AS n`,
        [NOW],
      );
      await db.query(
        `INSERT INTO audit_logs (table_name, row_id, action, occurred_at) VALUES ('businesses', 'recent', 'UPDATE', $1)`,
        [NOW],
      );
      await sealAuditChain(db.prisma);
      const files = await storage();
      expect((await runRetentionJob(db.appPrisma, files, "audit-logs", { clock, dryRun: true })).processed).toBe(5);
      expect((await runRetentionJob(db.appPrisma, files, "audit-logs", { clock })).processed).toBe(5);
      expect(await db.prisma.auditLog.count()).toBe(1);
      expect((await verifyAuditChain(db.url)).ok).toBe(true);
    } finally {
      await db.drop();
    }
  });

  it("erases people 25 per batch and deletes other rows 1000 per batch, names its runs in the audit trail, and records a thrown non-error", async () => {
    const db = await createTestDatabase();
    const files = await storage();
    try {
      await db.prisma.user.createMany({
        data: Array.from({ length: 26 }, (_, index) => ({
          email: `closed${index}@example.co.uk`,
          name: `Closed ${index}`,
          role: "BUYER" as const,
          deletedAt: ago(40 * DAY),
        })),
      });
      const users = await runRetentionJob(db.appPrisma, files, "users", { clock });
      expect([users.processed, users.batches]).toEqual([26, 2]);
      expect(users.longestBatchMs).toBeGreaterThanOrEqual(1);
      expect(users.longestBatchMs).toBeLessThan(60_000);
      const audited = await db.prisma.auditLog.findMany({ where: { tableName: "users", action: "DELETE" } });
      expect(audited).toHaveLength(26);
      expect(new Set(audited.map((row) => row.requestId))).toEqual(new Set([`retention:users:${users.runId}`]));

      await seedTestData(db.prisma);
      await db.prisma.businessFinancial.createMany({
        data: Array.from({ length: 30 }, (_, index) => ({
          businessId: stableId("business-2"),
          enteredById: stableId("seller-2"),
          financialYearEnd: new Date(Date.UTC(2010, 0, 1 + index)),
          revenue: 1n,
        })),
      });
      const financials = await runRetentionJob(db.appPrisma, files, "financials", { clock });
      expect(financials.processed).toBeGreaterThanOrEqual(30);
      expect(financials.batches).toBe(1);

      await db.prisma.business.update({
        where: { id: stableId("business-4") },
        data: { lastActivityAt: ago(800 * DAY) },
      });
      const failing = runRetentionJob(db.appPrisma, files, "listings", {
        clock,
        afterBatch: () => {
          throw "stopped by the operator";
        },
      });
      await expect(failing).rejects.toBe("stopped by the operator");
      const [run] = await db.prisma.retentionRun.findMany({ where: { job: "listings" } });
      expect(run).toMatchObject({ status: "failed", error: "stopped by the operator" });
    } finally {
      await db.drop();
    }
  });
});
