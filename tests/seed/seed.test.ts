import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../functions/auth/password.ts";
import { ENCRYPTED_COLUMNS, FieldCipher } from "../../functions/crypto/field-cipher.ts";
import { fieldKeyringFrom } from "../../functions/crypto/field-keyring.ts";
import { DEVELOPMENT_PASSWORD } from "../../prisma/seed/seed-data.ts";
import { seedWithDevelopmentPassword } from "../../prisma/seed/seed-with-password.ts";
import { fingerprintTables } from "../support/table-fingerprint.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("db:seed", () => {
  let db: TestDatabase;
  let firstRun: Awaited<ReturnType<typeof seedWithDevelopmentPassword>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    firstRun = await seedWithDevelopmentPassword(db.prisma);
  });
  afterAll(() => db.drop());

  it("creates exactly the guide's accounts: 1 admin, 5 sellers, 8 buyers, 3 advisors", async () => {
    const byRole = await db.prisma.user.groupBy({ by: ["role"], _count: true, orderBy: { role: "asc" } });
    expect(Object.fromEntries(byRole.map((group) => [group.role, group._count]))).toEqual({
      ADMIN: 1,
      SELLER: 5,
      BUYER: 8,
      ADVISOR: 3,
    });
    const admin = await db.prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    expect(admin.email).toBe("admin@exitmatch.co.uk");
  });

  it("gives every seller a business, every buyer a profile and every advisor a profile", async () => {
    const sellersWithoutBusiness = await db.prisma.user.count({ where: { role: "SELLER", businesses: { none: {} } } });
    const buyersWithoutProfile = await db.prisma.user.count({ where: { role: "BUYER", buyerProfile: null } });
    const advisorsWithoutProfile = await db.prisma.user.count({ where: { role: "ADVISOR", advisorProfile: null } });
    expect([sellersWithoutBusiness, buyersWithoutProfile, advisorsWithoutProfile]).toEqual([0, 0, 0]);
  });

  it("includes sample valuations, matches, inquiries and deal rooms", async () => {
    expect(await db.prisma.valuation.count()).toBeGreaterThan(0);
    expect(await db.prisma.match.count()).toBeGreaterThan(0);
    expect(await db.prisma.inquiry.count()).toBeGreaterThan(0);
    const rooms = await db.prisma.dealRoom.findMany({ include: { members: true, inquiry: true } });
    expect(rooms.length).toBeGreaterThan(0);
    for (const room of rooms) {
      expect(room.inquiry?.status).toBe("ACCEPTED");
      expect(room.members.filter((member) => member.role === "OWNER")).toHaveLength(1);
    }
  });

  it("uses UK-shaped data: SIC 2007 codes, Companies House numbers, exact GBP", async () => {
    const businesses = await db.prisma.business.findMany();
    for (const business of businesses) {
      expect(business.sicCode).toMatch(/^\d{5}$/);
      expect(business.companyNumber).toMatch(/^(\d{8}|[A-Z]{2}\d{6})$/);
      expect(typeof business.askingPrice).toBe("bigint");
      expect(business.askingPrice % 100n).toBe(0n);
    }
  });

  it("keeps valuation ranges ordered and match scores explained per criterion", async () => {
    for (const valuation of await db.prisma.valuation.findMany()) {
      expect(valuation.low <= valuation.mid && valuation.mid <= valuation.high).toBe(true);
    }
    for (const match of await db.prisma.match.findMany()) {
      const breakdown = match.breakdown as { score: number; reason: string }[];
      expect(breakdown.reduce((sum, item) => sum + item.score, 0)).toBe(match.score);
      expect(breakdown.every((item) => item.reason.length > 0)).toBe(true);
    }
  });

  it("lets every seeded account log in with the development password", async () => {
    const users = await db.prisma.user.findMany({ select: { passwordHash: true } });
    const results = await Promise.all(users.map((user) => verifyPassword(user.passwordHash!, DEVELOPMENT_PASSWORD)));
    expect(results.every(Boolean)).toBe(true);
    expect(await verifyPassword(users[0]!.passwordHash!, "wrong-password")).toBe(false);
  });

  it("inserted rows on the first run and changes nothing on a second run", async () => {
    expect(Object.values(firstRun.inserted).every((count) => count > 0)).toBe(true);
    const before = await fingerprintTables(db);
    const second = await seedWithDevelopmentPassword(db.prisma);
    expect(Object.values(second.inserted).every((count) => count === 0)).toBe(true);
    expect(await fingerprintTables(db)).toEqual(before);
  });

  it("is deterministic: a second database seeded separately holds identical data", async () => {
    const other = await createTestDatabase();
    try {
      await seedWithDevelopmentPassword(other.prisma);
      // The audit trail records when the seed ran (and hashes that time), so it differs; encrypted
      // fields differ byte for byte (a random IV each time) but must decrypt to the same values.
      const comparable = { exclude: ["audit_logs", "audit_chain"], ignoreColumns: ENCRYPTED_COLUMNS };
      expect(await fingerprintTables(other, comparable)).toEqual(await fingerprintTables(db, comparable));
      const cipher = new FieldCipher(fieldKeyringFrom({}));
      const phones = async (database: TestDatabase) =>
        (await database.prisma.user.findMany({ orderBy: { id: "asc" } })).map((user) => [
          cipher.decryptOptional("users.phone", user.phone),
          user.phoneBlindIndex,
        ]);
      expect(await phones(other)).toEqual(await phones(db));
    } finally {
      await other.drop();
    }
  });
});
