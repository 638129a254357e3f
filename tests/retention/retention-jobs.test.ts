import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../functions/audit/verify-audit-chain.ts";
import { fixedClock } from "../../functions/clock/clock.ts";
import { createRetentionHandler } from "../../functions/jobs/retention-handler.ts";
import { RETENTION_JOBS, runRetentionJob } from "../../functions/retention/retention-jobs.ts";
import { LocalDiskStorage } from "../../functions/storage/local-disk-storage.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { seedTestData } from "../support/seed.ts";
import { fingerprintTables } from "../support/table-fingerprint.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const NOW = new Date("2026-11-25T12:00:00Z");
const clock = fixedClock(NOW);
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let db: TestDatabase;
let storage: LocalDiskStorage;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedTestData(db.prisma);
  storage = new LocalDiskStorage(await mkdtemp(join(tmpdir(), "exitmatch-retention-")));
});
afterAll(() => db.drop());

async function closedAccount(label: string, closedAt: Date) {
  return db.prisma.user.create({
    data: {
      email: `${label}-${randomUUID()}@example.co.uk`,
      name: `Closed ${label}`,
      role: "BUYER",
      deletedAt: closedAt,
    },
    select: { id: true },
  });
}

describe("users: closed accounts are erased 30 days on", () => {
  it("keeps 29 days, erases at 30 days and beyond; hard-deletes when nothing is held, anonymises when it is", async () => {
    const day29 = await closedAccount("d29", ago(29 * DAY + 23 * HOUR));
    const day30 = await closedAccount("d30", ago(30 * DAY + 60_000));
    const day31 = await closedAccount("d31", ago(31 * DAY));
    // A seller with listings and financials (held records) who closed their account 31 days ago.
    const seller = stableId("seller-5");
    await db.prisma.user.update({ where: { id: seller }, data: { deletedAt: ago(31 * DAY) } });

    const dry = await runRetentionJob(db.appPrisma, storage, "users", { clock, dryRun: true });
    expect(dry.processed).toBe(3);
    expect(await db.prisma.user.count({ where: { id: day30.id, deletedAt: { not: null }, anonymizedAt: null } })).toBe(
      1,
    );

    const result = await runRetentionJob(db.appPrisma, storage, "users", { clock });
    expect(result).toMatchObject({ processed: 3, details: { hardDeleted: 2, anonymisedUnderHold: 1 } });
    const left = await db.prisma.user.findMany({
      where: { id: { in: [day29.id, day30.id, day31.id, seller] }, deletedAt: undefined },
      select: { id: true, anonymizedAt: true, email: true },
    });
    expect(left.find((user) => user.id === day29.id)?.anonymizedAt).toBeNull();
    expect(left.some((user) => user.id === day30.id || user.id === day31.id)).toBe(false);
    expect(left.find((user) => user.id === seller)).toMatchObject({ email: `deleted_${seller}@deleted.com` });
    expect(await db.prisma.businessFinancial.count({ where: { business: { sellerId: seller } } })).toBeGreaterThan(0);

    // Idempotent: nothing more is due.
    expect((await runRetentionJob(db.appPrisma, storage, "users", { clock })).processed).toBe(0);
  });

  it("a run interrupted half-way and resumed loses nothing and does nothing twice", async () => {
    const people = await Promise.all([1, 2, 3, 4, 5].map((n) => closedAccount(`crash${n}`, ago(40 * DAY))));
    const crash = runRetentionJob(db.appPrisma, storage, "users", {
      clock,
      batchSize: 2,
      afterBatch: (batch) => {
        if (batch === 2) throw new Error("simulated crash");
      },
    });
    await expect(crash).rejects.toThrow("simulated crash");
    const ids = people.map((person) => person.id);
    expect(await db.prisma.user.count({ where: { id: { in: ids }, deletedAt: undefined } })).toBe(1);

    const resumed = await runRetentionJob(db.appPrisma, storage, "users", { clock, batchSize: 2 });
    expect(resumed.processed).toBe(1);
    expect(await db.prisma.user.count({ where: { id: { in: ids }, deletedAt: undefined } })).toBe(0);
    // Each person was erased and deleted exactly once.
    for (const id of ids) {
      const deletes = await db.prisma.auditLog.count({ where: { tableName: "users", rowId: id, action: "DELETE" } });
      const erasures = await db.prisma.auditLog.count({
        where: { tableName: "users", rowId: id, action: "UPDATE", changedColumns: { has: "anonymized_at" } },
      });
      expect([deletes, erasures]).toEqual([1, 1]);
    }
    const runs = await db.prisma.retentionRun.findMany({
      where: { job: "users", dryRun: false },
      orderBy: { startedAt: "desc" },
      take: 2,
    });
    expect(runs.map((run) => run.status)).toEqual(["done", "failed"]);
  });
});

describe("listings, financials and audit logs", () => {
  it("archives listings inactive for just over a year, not just under", async () => {
    const [under, over] = await db.prisma.business.findMany({
      where: { status: "PUBLISHED" },
      take: 2,
      orderBy: { id: "asc" },
    });
    await db.prisma.business.updateMany({ where: { status: { not: "ARCHIVED" } }, data: { lastActivityAt: NOW } });
    const year = new Date(NOW);
    year.setUTCFullYear(year.getUTCFullYear() - 1);
    await db.prisma.business.update({
      where: { id: under!.id },
      data: { lastActivityAt: new Date(year.getTime() + HOUR) },
    });
    await db.prisma.business.update({
      where: { id: over!.id },
      data: { lastActivityAt: new Date(year.getTime() - HOUR) },
    });

    expect((await runRetentionJob(db.appPrisma, storage, "listings", { clock, dryRun: true })).processed).toBe(1);
    const result = await runRetentionJob(db.appPrisma, storage, "listings", { clock });
    expect(result.processed).toBe(1);
    // Archived now, and long inactive: no longer due.
    expect((await runRetentionJob(db.appPrisma, storage, "listings", { clock, dryRun: true })).processed).toBe(0);
    const statuses = await db.prisma.business.findMany({
      where: { id: { in: [under!.id, over!.id] } },
      select: { id: true, status: true },
    });
    expect(statuses.find((b) => b.id === under!.id)?.status).toBe("PUBLISHED");
    expect(statuses.find((b) => b.id === over!.id)?.status).toBe("ARCHIVED");
  });

  it("deletes financial figures for periods ended over 6 years ago, keeps younger ones", async () => {
    const business = stableId("business-2");
    const sixYears = new Date(NOW);
    sixYears.setUTCFullYear(sixYears.getUTCFullYear() - 6);
    const make = (yearEnd: Date) =>
      db.prisma.businessFinancial.create({
        data: {
          businessId: business,
          enteredById: stableId("seller-2"),
          financialYearEnd: yearEnd,
          revenue: 1_000_00n,
        },
        select: { id: true },
      });
    const older = await make(new Date(sixYears.getTime() - 2 * DAY));
    const younger = await make(new Date(sixYears.getTime() + 2 * DAY));
    const before = await runRetentionJob(db.appPrisma, storage, "financials", { clock, dryRun: true });
    const result = await runRetentionJob(db.appPrisma, storage, "financials", { clock });
    expect(result.processed).toBe(before.processed);
    expect(result.processed).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.businessFinancial.count({ where: { id: older.id } })).toBe(0);
    expect(await db.prisma.businessFinancial.count({ where: { id: younger.id } })).toBe(1);
  });

  it("deletes valuations made over 6 years ago too, and a dry run counts exactly what the run then does", async () => {
    const business = stableId("business-2");
    const sixYears = new Date(NOW);
    sixYears.setUTCFullYear(sixYears.getUTCFullYear() - 6);
    const valuation = (createdAt: Date) =>
      db.prisma.valuation.create({
        data: {
          businessId: business,
          createdById: stableId("seller-2"),
          method: "EBITDA_MULTIPLE",
          inputs: {},
          low: 1n,
          mid: 2n,
          high: 3n,
          createdAt,
        },
        select: { id: true },
      });
    const older = await valuation(new Date(sixYears.getTime() - HOUR));
    const younger = await valuation(new Date(sixYears.getTime() + HOUR));
    const oldFigures = await db.prisma.businessFinancial.create({
      data: {
        businessId: business,
        enteredById: stableId("seller-2"),
        financialYearEnd: new Date(sixYears.getTime() - 400 * DAY),
        revenue: 1n,
      },
      select: { id: true },
    });
    const due =
      (await db.prisma.valuation.count({ where: { createdAt: { lte: sixYears }, deletedAt: undefined } })) +
      (await db.prisma.businessFinancial.count({
        where: { financialYearEnd: { lte: sixYears }, deletedAt: undefined },
      }));
    expect(due).toBe(2);

    const dry = await runRetentionJob(db.appPrisma, storage, "financials", { clock, dryRun: true });
    expect(dry).toMatchObject({
      job: "financials",
      dryRun: true,
      processed: 2,
      batches: 0,
      cutoff: sixYears.toISOString(),
    });
    const progress: number[] = [];
    const result = await runRetentionJob(db.appPrisma, storage, "financials", {
      clock,
      batchSize: 1,
      onProgress: ({ processed }) => progress.push(processed),
    });
    // One financial year and one valuation per batch of one: a single batch.
    expect([result.processed, result.batches, progress]).toEqual([2, 1, [2]]);
    expect(
      await db.prisma.valuation.count({ where: { id: { in: [older.id, younger.id] }, deletedAt: undefined } }),
    ).toBe(1);
    expect(await db.prisma.valuation.count({ where: { id: younger.id } })).toBe(1);
    expect(await db.prisma.businessFinancial.count({ where: { id: oldFigures.id, deletedAt: undefined } })).toBe(0);
  });

  it("records every run in retention_runs: what, when, how much, and how it ended", async () => {
    for (const n of [1, 2, 3]) await closedAccount(`ledger${n}`, ago(45 * DAY));
    const dry = await runRetentionJob(db.appPrisma, storage, "users", { clock, dryRun: true });
    const done = await runRetentionJob(db.appPrisma, storage, "users", { clock, batchSize: 2 });
    expect([dry.processed, done.processed, done.batches]).toEqual([3, 3, 2]);
    await db.prisma.business.update({
      where: { id: stableId("business-4") },
      data: { status: "PUBLISHED", lastActivityAt: ago(800 * DAY) },
    });
    const failed = runRetentionJob(db.appPrisma, storage, "listings", {
      clock,
      afterBatch: () => {
        throw new Error("disk on fire");
      },
    });
    await expect(failed).rejects.toThrow("disk on fire");
    const runs = await db.prisma.retentionRun.findMany({ where: { id: { in: [dry.runId, done.runId] } } });
    const byId = new Map(runs.map((run) => [run.id, run]));
    const cutoff = ago(30 * DAY);
    expect(byId.get(dry.runId)).toMatchObject({
      job: "users",
      dryRun: true,
      status: "done",
      processed: 3,
      batches: 0,
      cutoff,
      finishedAt: NOW,
    });
    expect(byId.get(done.runId)).toMatchObject({
      job: "users",
      dryRun: false,
      status: "done",
      processed: 3,
      batches: 2,
      cutoff,
      finishedAt: NOW,
    });
    const [failedRun] = await db.prisma.retentionRun.findMany({
      where: { job: "listings" },
      orderBy: { startedAt: "desc" },
      take: 1,
    });
    expect(failedRun).toMatchObject({
      status: "failed",
      error: "disk on fire",
      processed: 1,
      batches: 1,
      finishedAt: NOW,
    });
  });

  it("purges audit rows older than 7 years and the chain still verifies", async () => {
    await db.query(
      `INSERT INTO audit_logs (table_name, row_id, action, occurred_at)
       SELECT 'businesses', 'ancient-' || n, 'UPDATE', $1::timestamptz - interval '7 years 1 day'
       FROM generate_series(1, 5) AS n`,
      [NOW],
    );
    // The ancient rows are at the end of the chain, so they are not a prefix: nothing may go.
    expect((await runRetentionJob(db.appPrisma, storage, "audit-logs", { clock })).processed).toBe(0);
    expect((await verifyAuditChain(db.url)).ok).toBe(true);
  });

  it("deletes short-lived records a day after they stop mattering, and keeps live ones", async () => {
    const user = stableId("buyer-1");
    const session = (label: string, data: { expiresAt: Date; revokedAt?: Date }) =>
      db.prisma.session.create({
        data: {
          userId: user,
          familyId: randomUUID(),
          refreshTokenHash: `${label}-${randomUUID()}`,
          createdAt: ago(40 * DAY),
          ...data,
        },
        select: { id: true },
      });
    const live = await session("live", { expiresAt: new Date(NOW.getTime() + 10 * DAY) });
    const endedYesterday = await session("ended", {
      expiresAt: new Date(NOW.getTime() + 10 * DAY),
      revokedAt: ago(DAY + HOUR),
    });
    const endedToday = await session("today", { expiresAt: new Date(NOW.getTime() + 10 * DAY), revokedAt: ago(HOUR) });
    const expired = await session("expired", { expiresAt: ago(2 * DAY) });
    const hit = (at: Date) =>
      db.prisma.rateLimitHit.create({
        data: { scope: "login:account", subjectHash: randomUUID(), occurredAt: at, attemptId: randomUUID() },
        select: { id: true },
      });
    const oldHit = await hit(ago(DAY + HOUR));
    const recentHit = await hit(ago(HOUR));
    const key = (at: Date) =>
      db.prisma.idempotencyKey.create({
        data: { scope: "s", key: randomUUID(), method: "POST", path: "/businesses", requestHash: "h", createdAt: at },
        select: { id: true },
      });
    const oldKey = await key(ago(25 * HOUR));
    const recentKey = await key(ago(HOUR));

    const dry = await runRetentionJob(db.appPrisma, storage, "expired-records", { clock, dryRun: true });
    const result = await runRetentionJob(db.appPrisma, storage, "expired-records", { clock });
    expect(result.processed).toBe(dry.processed);
    expect(result.processed).toBeGreaterThanOrEqual(4);
    const sessionsLeft = await db.prisma.session.findMany({
      where: { id: { in: [live.id, endedYesterday.id, endedToday.id, expired.id] } },
      select: { id: true },
    });
    expect(sessionsLeft.map((row) => row.id).sort()).toEqual([live.id, endedToday.id].sort());
    expect(await db.prisma.rateLimitHit.count({ where: { id: { in: [oldHit.id, recentHit.id] } } })).toBe(1);
    expect(await db.prisma.rateLimitHit.count({ where: { id: recentHit.id } })).toBe(1);
    expect(await db.prisma.idempotencyKey.count({ where: { id: { in: [oldKey.id, recentKey.id] } } })).toBe(1);
    expect(await db.prisma.idempotencyKey.count({ where: { id: recentKey.id } })).toBe(1);
  });

  it("a dry run of every job changes nothing", async () => {
    await closedAccount("dry", ago(60 * DAY));
    const before = await fingerprintTables(db, { exclude: ["retention_runs"] });
    for (const job of RETENTION_JOBS) {
      await runRetentionJob(db.appPrisma, storage, job, { clock, dryRun: true });
    }
    expect(await fingerprintTables(db, { exclude: ["retention_runs"] })).toEqual(before);
  });

  it("runs as a scheduled function too", async () => {
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = db.appUrl;
    try {
      const handler = createRetentionHandler(clock);
      const { results } = await handler({ jobs: ["users"], dryRun: true });
      expect(results).toEqual([expect.objectContaining({ job: "users", dryRun: true, processed: 1 })]);
      await expect(handler({ jobs: ["everything"] })).rejects.toThrow();
    } finally {
      process.env.DATABASE_URL = previous;
    }
  });
});

describe("deals: financial records kept six years", () => {
  it("deletes deals six years after they completed or fell through, with their offer, versions, signatures, exclusivity and heads of terms", async () => {
    const sixYears = new Date(NOW);
    sixYears.setUTCFullYear(sixYears.getUTCFullYear() - 6);
    const longAgo = new Date(sixYears.getTime() - DAY);
    // The seeded sale of business-7 (deal-2, offer-4), moved back to just over six years ago; its
    // heads of terms stored. The seeded deal in exclusivity (deal-1) and the offers around it stay.
    const completed = await db.prisma.deal.update({
      where: { id: stableId("deal-2") },
      data: { completionConfirmedAt: longAgo },
    });
    await db.prisma.offer.update({ where: { id: stableId("offer-4") }, data: { endedAt: longAgo } });
    await storage.put(completed.headsOfTermsStorageKey, new Uint8Array([37, 80, 68, 70]), "application/pdf");
    // A rejected offer that ended just under six years ago stays; one just over goes.
    await db.prisma.offer.update({
      where: { id: stableId("offer-3") },
      data: { endedAt: new Date(sixYears.getTime() + DAY) },
    });
    const dry = await runRetentionJob(db.appPrisma, storage, "financials", { clock, dryRun: true });
    const result = await runRetentionJob(db.appPrisma, storage, "financials", { clock });
    expect(result.processed).toBe(dry.processed);
    expect(result.processed).toBe(2);
    expect(await db.prisma.deal.findUnique({ where: { id: stableId("deal-2") } })).toBeNull();
    expect(await db.prisma.offer.findUnique({ where: { id: stableId("offer-4") } })).toBeNull();
    expect(await db.prisma.offerVersion.count({ where: { offerId: stableId("offer-4") } })).toBe(0);
    expect(await db.prisma.dealSignature.count({ where: { dealId: stableId("deal-2") } })).toBe(0);
    expect(await db.prisma.exclusivity.count({ where: { dealId: stableId("deal-2") } })).toBe(0);
    expect(await storage.get(completed.headsOfTermsStorageKey)).toBeUndefined();
    for (const kept of ["offer-1", "offer-2", "offer-3"]) {
      expect(await db.prisma.offer.count({ where: { id: stableId(kept) } })).toBe(1);
    }
    expect(await db.prisma.deal.count({ where: { id: stableId("deal-1") } })).toBe(1);
    // The anonymised comparable outlives it: it names no deal.
    expect(await db.prisma.dealComparable.count()).toBe(1);
  });
});
