import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dbUtils,
  SOFT_DELETABLE_MODELS,
  type SoftDeletableModel,
  SoftDeleteError,
} from "../../functions/db/soft-delete.ts";
import { EmptyFilterError, includeDeleted } from "../../functions/db/soft-delete-extension.ts";
import { seedTestData } from "../support/seed.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("dbUtils (soft deletes, as the operations guide shows)", () => {
  let db: TestDatabase;
  let businessId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    businessId = (await db.prisma.business.findFirstOrThrow({ where: { status: "PUBLISHED" } })).id;
    // The seed has no documents or questions: one of each, so every model has a row to delete.
    const room = await db.prisma.dealRoom.findFirstOrThrow({ include: { business: true } });
    await db.prisma.document.create({
      data: {
        businessId: room.businessId,
        dealRoomId: room.id,
        uploadedById: room.business.sellerId,
        fileName: "accounts.pdf",
        contentType: "application/pdf",
        sizeBytes: 1n,
        sha256: "0".repeat(64),
        storageKey: `deal-rooms/${room.id}/soft-delete-test`,
      },
    });
    await db.prisma.dealRoomQuestion.create({
      data: { dealRoomId: room.id, askedById: room.business.sellerId, body: "Is the lease assignable?" },
    });
  });
  afterAll(() => db.drop());

  it("softDelete hides the row from excludeSoftDeleted() queries but keeps it", async () => {
    const liveBefore = await db.prisma.business.count({ where: dbUtils.excludeSoftDeleted() });
    const { deletedAt } = await dbUtils.softDelete(db.prisma, "Business", businessId);

    expect(deletedAt).toBeInstanceOf(Date);
    expect(await db.prisma.business.count({ where: dbUtils.excludeSoftDeleted() })).toBe(liveBefore - 1);
    expect(await db.prisma.business.findUnique({ where: { id: businessId } })).toBeNull();
    const row = await db.prisma.business.findUnique({ where: { id: businessId, ...includeDeleted() } });
    expect(row?.deletedAt?.getTime()).toBe(deletedAt.getTime());
  });

  it("refuses to delete twice, naming the time of the first delete", async () => {
    await expect(dbUtils.softDelete(db.prisma, "Business", businessId)).rejects.toMatchObject({
      code: "already_deleted",
      message: expect.stringMatching(/already deleted \(at \d{4}-/),
    });
  });

  it("softRestore brings the row back, and refuses a row that is not deleted", async () => {
    await dbUtils.softRestore(db.prisma, "Business", businessId);
    expect((await db.prisma.business.findUniqueOrThrow({ where: { id: businessId } })).deletedAt).toBeNull();
    await expect(dbUtils.softRestore(db.prisma, "Business", businessId)).rejects.toMatchObject({ code: "not_deleted" });
  });

  it.each([...SOFT_DELETABLE_MODELS])(
    "soft-deletes and restores a %s, inside a transaction, at the time given",
    async (model) => {
      const delegate = (db.prisma as unknown as Record<string, { findFirstOrThrow(): Promise<{ id: string }> }>)[
        model.charAt(0).toLowerCase() + model.slice(1)
      ]!;
      const { id } = await delegate.findFirstOrThrow();
      const rowOf = (where: object) =>
        (
          db.prisma as unknown as Record<
            string,
            { findFirst(args: object): Promise<{ deletedAt: Date | null } | null> }
          >
        )[model.charAt(0).toLowerCase() + model.slice(1)]!.findFirst({ where });
      const at = new Date("2026-11-20T10:00:00.000Z");
      await db.prisma.$transaction(async (tx) => {
        expect(await dbUtils.softDelete(tx, model, id, at)).toEqual({ id, deletedAt: at });
      });
      expect(await rowOf({ id })).toBeNull();
      expect((await rowOf({ id, ...includeDeleted() }))?.deletedAt).toEqual(at);
      expect(await dbUtils.softRestore(db.prisma, model, id)).toEqual({ id });
      expect((await rowOf({ id }))?.deletedAt).toBeNull();
    },
  );

  it("rolls back with the transaction it ran in", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await dbUtils.softDelete(tx, "Business", businessId);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect((await db.prisma.business.findUniqueOrThrow({ where: { id: businessId } })).deletedAt).toBeNull();
  });

  it("lets only one of two concurrent deletes win", async () => {
    const results = await Promise.allSettled([
      dbUtils.softDelete(db.prisma, "Business", businessId),
      dbUtils.softDelete(db.prisma, "Business", businessId),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    await dbUtils.softRestore(db.prisma, "Business", businessId);
  });

  it("gives clear errors for unknown models, bad ids and missing rows", async () => {
    // @ts-expect-error: the model name is checked at compile time too; this is the run-time check.
    const unknown = dbUtils.softDelete(db.prisma, "Invoice", businessId);
    await expect(unknown).rejects.toThrow(/'Invoice' is not a soft-deletable model\. Expected one of: User, Business/);
    await expect(dbUtils.softDelete(db.prisma, "Business", "42")).rejects.toMatchObject({
      code: "invalid_id",
      message: 'Business id must be a UUID, got "42".',
    });
    const missing = "00000000-0000-4000-8000-000000000000";
    await expect(dbUtils.softDelete(db.prisma, "Business", missing)).rejects.toThrow(
      new SoftDeleteError("not_found", `Business ${missing} does not exist.`),
    );
  });

  it("knows exactly the tables that have a deleted_at column", async () => {
    const tableOf = {
      User: "users",
      Business: "businesses",
      BusinessFinancial: "business_financials",
      Valuation: "valuations",
      BuyerProfile: "buyer_profiles",
      AdvisorProfile: "advisor_profiles",
      Inquiry: "inquiries",
      DealRoom: "deal_rooms",
      Document: "documents",
      DealRoomQuestion: "deal_room_questions",
    } satisfies Record<SoftDeletableModel, string>;
    const rows = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'deleted_at'",
    );
    expect(rows.map((row) => row.table_name).sort()).toEqual(
      SOFT_DELETABLE_MODELS.map((model) => tableOf[model]).sort(),
    );
  });
});

describe("soft-delete rules in every client", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
  });
  afterAll(() => db.drop());

  it("reads leave deleted rows out by default: find, count, aggregate, groupBy", async () => {
    const all = await db.prisma.business.count({ where: includeDeleted() });
    const victim = await db.prisma.business.findFirstOrThrow({ where: { status: "PUBLISHED" } });
    await dbUtils.softDelete(db.prisma, "Business", victim.id);

    expect(await db.prisma.business.count()).toBe(all - 1);
    expect(await db.prisma.business.findMany({ where: { id: victim.id } })).toEqual([]);
    expect(await db.prisma.business.findFirst({ where: { id: victim.id } })).toBeNull();
    expect(await db.prisma.business.findUnique({ where: { id: victim.id } })).toBeNull();
    expect((await db.prisma.business.aggregate({ _count: { _all: true } }))._count._all).toBe(all - 1);
    const groups = await db.prisma.business.groupBy({ by: ["status"], _count: { _all: true } });
    expect(groups.reduce((sum, group) => sum + group._count._all, 0)).toBe(all - 1);
  });

  it("naming deletedAt in the filter reaches deleted rows on purpose", async () => {
    const deleted = await db.prisma.business.findMany({ where: { deletedAt: { not: null } } });
    expect(deleted.length).toBeGreaterThan(0);
    expect(await db.prisma.business.count({ where: includeDeleted() })).toBe(
      (await db.prisma.business.count()) + deleted.length,
    );
  });

  it("inside interactive transactions too", async () => {
    const [outside, inside] = await Promise.all([
      db.prisma.business.count(),
      db.prisma.$transaction((tx) => tx.business.count()),
    ]);
    expect(inside).toBe(outside);
  });

  it("refuses updateMany and deleteMany with an empty filter, and changes nothing", async () => {
    const before = await db.prisma.valuation.count();
    await expect(db.prisma.valuation.deleteMany()).rejects.toThrow(EmptyFilterError);
    await expect(db.prisma.valuation.deleteMany({ where: {} })).rejects.toThrow(EmptyFilterError);
    await expect(db.prisma.business.updateMany({ data: { viewCount: 0 } })).rejects.toThrow(/empty filter/);
    await expect(db.prisma.business.updateMany({ where: { id: undefined }, data: { viewCount: 0 } })).rejects.toThrow(
      EmptyFilterError,
    );
    expect(await db.prisma.valuation.count()).toBe(before);
    // A real filter is fine.
    expect((await db.prisma.valuation.deleteMany({ where: { notes: "no such note" } })).count).toBe(0);
  });

  it("restores: the row reads again", async () => {
    const victim = await db.prisma.inquiry.findFirstOrThrow();
    await dbUtils.softDelete(db.prisma, "Inquiry", victim.id);
    expect(await db.prisma.inquiry.findUnique({ where: { id: victim.id } })).toBeNull();
    await dbUtils.softRestore(db.prisma, "Inquiry", victim.id);
    expect((await db.prisma.inquiry.findUnique({ where: { id: victim.id } }))?.id).toBe(victim.id);
  });
});
