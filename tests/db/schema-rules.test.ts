import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTestData } from "../support/seed.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** The rules the schema promises, checked against the migrated database itself. */
describe("database schema rules", () => {
  let db: TestDatabase;
  let sellerId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    sellerId = (await db.prisma.user.findFirstOrThrow({ where: { role: "SELLER" } })).id;
  });
  afterAll(() => db.drop());

  const listing = (overrides: Record<string, unknown> = {}) => ({
    sellerId,
    title: "Test listing",
    description: "A business",
    sicCode: "62020",
    region: "LONDON" as const,
    askingPrice: 100_000_00n,
    premisesTenure: "LEASEHOLD" as const,
    ...overrides,
  });

  it("indexes every foreign key column (as the leading column of some index)", async () => {
    const unindexed = await db.query<{ table_name: string; column_name: string }>(`
      SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND NOT EXISTS (
          SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
        )`);
    expect(unindexed).toEqual([]);
  });

  it("indexes deleted_at wherever it exists, and stores every time as timestamptz", async () => {
    const unindexed = await db.query(`
      SELECT table_name FROM information_schema.columns col
      WHERE table_schema = 'public' AND column_name = 'deleted_at' AND NOT EXISTS (
        SELECT 1 FROM pg_indexes WHERE tablename = col.table_name AND indexdef LIKE '%(deleted_at)%')`);
    expect(unindexed).toEqual([]);
    const naive = await db.query(`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type = 'timestamp without time zone' AND table_name <> '_prisma_migrations'`);
    expect(naive).toEqual([]);
  });

  it("stores no money as floating point", async () => {
    const floats = await db.query(`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('real', 'double precision')`);
    expect(floats).toEqual([]);
  });

  it("keeps emails unique among live users, and lets a deleted user's email register again", async () => {
    const email = "new.seller@example.co.uk";
    const first = await db.prisma.user.create({ data: { email, name: "First", role: "SELLER" } });
    await expect(db.prisma.user.create({ data: { email, name: "Second", role: "SELLER" } })).rejects.toMatchObject({
      code: "P2002",
    });
    await db.prisma.user.update({ where: { id: first.id }, data: { deletedAt: new Date() } });
    const again = await db.prisma.user.create({ data: { email, name: "Second", role: "SELLER" } });
    expect(again.id).not.toBe(first.id);
  });

  it("rejects upper-case or malformed emails", async () => {
    await expect(
      db.prisma.user.create({ data: { email: "Mixed@Example.com", name: "x", role: "BUYER" } }),
    ).rejects.toThrow(/users_email_format_check/);
    await expect(db.prisma.user.create({ data: { email: "not-an-email", name: "x", role: "BUYER" } })).rejects.toThrow(
      /users_email_format_check/,
    );
  });

  it.each([
    ["8 digits", "01234567", true],
    ["Scottish SC prefix", "SC123456", true],
    ["LLP OC prefix", "OC301234", true],
    ["too short", "1234567", false],
    ["lower-case prefix", "sc123456", false],
    ["letters in the wrong place", "1234567A", false],
  ])("company number %s (%s) accepted: %s", async (_label, companyNumber, accepted) => {
    const attempt = db.prisma.business.create({ data: listing({ companyNumber }) });
    if (accepted) await expect(attempt).resolves.toMatchObject({ companyNumber });
    else await expect(attempt).rejects.toThrow(/businesses_company_number_format_check/);
  });

  it("rejects a malformed SIC code, a negative price and a negative turnover", async () => {
    await expect(db.prisma.business.create({ data: listing({ sicCode: "6202X" }) })).rejects.toThrow(/sic_code_format/);
    await expect(db.prisma.business.create({ data: listing({ askingPrice: -1n }) })).rejects.toThrow(
      /asking_price_non_negative/,
    );
    await expect(db.prisma.business.create({ data: listing({ revenue: -100n }) })).rejects.toThrow(
      /revenue_non_negative/,
    );
  });

  it("keeps money exact beyond the range of a double", async () => {
    const huge = 9_007_199_254_740_993n; // 2^53 + 1 pence: not representable as a float
    const created = await db.prisma.business.create({ data: listing({ askingPrice: huge }) });
    expect((await db.prisma.business.findUniqueOrThrow({ where: { id: created.id } })).askingPrice).toBe(huge);
  });

  it("rejects an unordered valuation range and an out-of-range match score", async () => {
    const business = await db.prisma.business.findFirstOrThrow();
    await expect(
      db.prisma.valuation.create({
        data: {
          businessId: business.id,
          createdById: sellerId,
          method: "EBITDA_MULTIPLE",
          inputs: {},
          low: 300n,
          mid: 200n,
          high: 400n,
        },
      }),
    ).rejects.toThrow(/valuations_range_ordered_check/);
    const profile = await db.prisma.buyerProfile.findFirstOrThrow();
    await expect(
      db.prisma.match.upsert({
        where: { buyerProfileId_businessId: { buyerProfileId: profile.id, businessId: business.id } },
        create: { buyerProfileId: profile.id, businessId: business.id, score: 101, breakdown: [] },
        update: { score: 101 },
      }),
    ).rejects.toThrow(/matches_score_range_check/);
  });

  it("allows an NDA only on an accepted inquiry, recorded as a whole", async () => {
    const pending = await db.prisma.inquiry.findFirstOrThrow({ where: { status: "PENDING" } });
    await expect(
      db.prisma.inquiry.update({
        where: { id: pending.id },
        data: { ndaVersion: "2026-01", ndaAcceptedAt: new Date() },
      }),
    ).rejects.toThrow(/inquiries_nda_only_when_accepted_check/);
    const accepted = await db.prisma.inquiry.findFirstOrThrow({ where: { status: "ACCEPTED", ndaAcceptedAt: null } });
    await expect(
      db.prisma.inquiry.update({ where: { id: accepted.id }, data: { ndaVersion: "2026-01" } }),
    ).rejects.toThrow(/inquiries_nda_complete_check/);
  });

  it("allows one live inquiry per buyer and business", async () => {
    const existing = await db.prisma.inquiry.findFirstOrThrow({ where: { status: "PENDING" } });
    await expect(
      db.prisma.inquiry.create({
        data: { businessId: existing.businessId, buyerId: existing.buyerId, message: "again" },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});
