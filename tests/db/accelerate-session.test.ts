// Through Prisma Accelerate (prisma:// URLs) the caller reaches PostgreSQL too: row-level-security
// tables read as the person asking, and audit rows name the actor and request. Driven through a
// real Accelerate endpoint running on this machine (tests/support/accelerate-executor.ts) against
// the database as the application role, so row-level security applies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { runWithDatabaseSession } from "../../functions/db/database-session.ts";
import { createDatabaseClient } from "../../functions/db/prisma-client.ts";
import { MemoryMailer } from "../../functions/mail/mailer.ts";
import { createDependencies } from "../../functions/runtime/create-dependencies.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { startAccelerateExecutor } from "../support/accelerate-executor.ts";
import { call, loginAs } from "../support/api-client.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { testClock } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const NDA_BUYER = stableId("buyer-1");
const OTHER_BUYER = stableId("buyer-6");
const SELLER = stableId("seller-1");
const ROOM = stableId("inquiry-1:room");

describe("Prisma Accelerate carries the caller", () => {
  let db: TestDatabase;
  let executor: Awaited<ReturnType<typeof startAccelerateExecutor>>;
  let prisma: PrismaClient;
  const as = <T>(userId: string, userRole: string, work: () => Promise<T>, requestId = "accelerate-test") =>
    runWithDatabaseSession({ userId, userRole, requestId }, work);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    await db.prisma.document.create({
      data: {
        dealRoomId: ROOM,
        businessId: BUSINESS.confidentialPublished,
        uploadedById: SELLER,
        fileName: "accounts.pdf",
        contentType: "application/pdf",
        sizeBytes: 10,
        sha256: "0".repeat(64),
        storageKey: "accelerate/accounts.pdf",
      },
    });
    executor = await startAccelerateExecutor(db.appUrl);
    const client = createDatabaseClient(executor.url("test-key"));
    expect(client.driver).toBe("accelerate");
    prisma = client.prisma;
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await executor.stop();
    await db.drop();
  });

  const financialsOf = () =>
    prisma.businessFinancial.findMany({ where: { businessId: BUSINESS.confidentialPublished } });

  it("reads financials as the person asking: the NDA buyer sees them, others and anonymous callers do not", async () => {
    expect(await financialsOf()).toHaveLength(0);
    expect((await as(NDA_BUYER, "BUYER", financialsOf)).length).toBeGreaterThan(0);
    expect(await as(OTHER_BUYER, "BUYER", financialsOf)).toHaveLength(0);
    // Loaded with their listing too.
    const listing = await as(NDA_BUYER, "BUYER", () =>
      prisma.business.findUniqueOrThrow({
        where: { id: BUSINESS.confidentialPublished },
        include: { financials: true },
      }),
    );
    expect(listing.financials.length).toBeGreaterThan(0);
  });

  it("reads deal-room documents as the person asking", async () => {
    const documents = () => prisma.document.findMany({ where: { dealRoomId: ROOM } });
    expect(await as(SELLER, "SELLER", documents)).toHaveLength(1);
    expect(await as(OTHER_BUYER, "BUYER", documents)).toHaveLength(0);
  });

  it("records the actor and request of an audited write, alone, in a batch and in an interactive transaction", async () => {
    await as(
      SELLER,
      "SELLER",
      () => prisma.business.update({ where: { id: BUSINESS.confidentialPublished }, data: { employees: 41 } }),
      "accelerate-alone",
    );
    await as(
      SELLER,
      "SELLER",
      () =>
        prisma.$transaction([
          prisma.business.update({ where: { id: BUSINESS.confidentialPublished }, data: { employees: 42 } }),
        ]),
      "accelerate-batch",
    );
    await as(
      SELLER,
      "SELLER",
      () =>
        prisma.$transaction(async (tx) => {
          await tx.business.update({ where: { id: BUSINESS.confidentialPublished }, data: { employees: 43 } });
          // Inside the transaction row-level security sees the same caller.
          return tx.businessFinancial.count({ where: { businessId: BUSINESS.confidentialPublished } });
        }),
      "accelerate-interactive",
    ).then((count) => expect(count).toBeGreaterThan(0));
    const audits = await db.prisma.auditLog.findMany({
      where: {
        tableName: "businesses",
        rowId: BUSINESS.confidentialPublished,
        requestId: { startsWith: "accelerate-" },
      },
      orderBy: { id: "asc" },
    });
    expect(
      audits.map((row) => [
        row.requestId,
        row.actorUserId,
        (row.changes as { employees: { new: number } }).employees.new,
      ]),
    ).toEqual([
      ["accelerate-alone", SELLER, 41],
      ["accelerate-batch", SELLER, 42],
      ["accelerate-interactive", SELLER, 43],
    ]);
  });

  it("applies the soft-delete rules too (Accelerate's extension no longer hides them)", async () => {
    await db.prisma.valuation.updateMany({
      where: { businessId: BUSINESS.openPublished },
      data: { deletedAt: new Date("2026-11-01T00:00:00Z") },
    });
    const live = await as(SELLER, "SELLER", () =>
      prisma.valuation.count({ where: { businessId: BUSINESS.openPublished } }),
    );
    expect(live).toBe(0);
    const all = await prisma.valuation.count({ where: { businessId: BUSINESS.openPublished, deletedAt: undefined } });
    expect(all).toBeGreaterThan(0);
  });

  it("serves the API through Accelerate: the NDA buyer reads financials, and the seller's edit names them", async () => {
    const environment = loadEnvironment({ NODE_ENV: "test", LOG_LEVEL: "silent" });
    const app = createApp(
      createDependencies(environment, prisma, {
        mailer: new MemoryMailer(),
        clock: testClock(),
        supportsRequestTransactions: false,
      }),
    );
    const buyer = await loginAs(app, ACTORS.buyerWithNda);
    const read = await call(app, "GET", `/businesses/${BUSINESS.confidentialPublished}/financials`, { token: buyer });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const outsider = await loginAs(app, ACTORS.buyerWithoutNda);
    const refused = await call(app, "GET", `/businesses/${BUSINESS.confidentialPublished}/financials`, {
      token: outsider,
    });
    expect(refused.status).toBe(403);
  });
});
