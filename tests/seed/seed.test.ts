import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../functions/auth/password.ts";
import { fixedClock } from "../../functions/clock/clock.ts";
import { ENCRYPTED_COLUMNS, FieldCipher } from "../../functions/crypto/field-cipher.ts";
import { fieldKeyringFrom } from "../../functions/crypto/field-keyring.ts";
import { explainMatches } from "../../functions/matching/explain-matches.ts";
import { runRetentionJob } from "../../functions/retention/retention-jobs.ts";
import { LocalDiskStorage } from "../../functions/storage/local-disk-storage.ts";
import { DEVELOPMENT_PASSWORD } from "../../prisma/seed/seed-data.ts";
import { seedTimeline } from "../../prisma/seed/seed-database.ts";
import { seedWithDevelopmentPassword } from "../../prisma/seed/seed-with-password.ts";
import { seedTestData } from "../support/seed.ts";
import { fingerprintTables } from "../support/table-fingerprint.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("db:seed", () => {
  let db: TestDatabase;
  let firstRun: Awaited<ReturnType<typeof seedTestData>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    firstRun = await seedTestData(db.prisma);
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
    const matches = await db.prisma.match.findMany();
    expect(matches.length).toBeGreaterThan(0);
    const explained = await explainMatches(db.prisma, matches);
    for (const match of matches) {
      const { score, breakdown } = explained.get(`${match.buyerProfileId}:${match.businessId}`)!;
      expect(score).toBe(match.score);
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
    const second = await seedTestData(db.prisma);
    expect(Object.values(second.inserted).every((count) => count === 0)).toBe(true);
    expect(await fingerprintTables(db)).toEqual(before);
  });

  it("is deterministic: a second database seeded separately holds identical data", async () => {
    const other = await createTestDatabase();
    try {
      await seedTestData(other.prisma);
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

  it("dates its story relative to the day it runs, so the data never ages out of the rules", async () => {
    // Seeded 400 days and three years after TEST_NOW, no listing is a year inactive and no
    // financial year is six years old: the retention jobs find nothing due in the seed itself.
    for (const days of [400, 3 * 365]) {
      const clock = fixedClock(new Date(TEST_NOW.getTime() + days * DAY_MS));
      const later = await createTestDatabase();
      try {
        await seedWithDevelopmentPassword(later.prisma, undefined, undefined, clock);
        const storage = new LocalDiskStorage(join(tmpdir(), "exitmatch-seed-retention"));
        for (const job of ["listings", "financials"] as const) {
          const { processed } = await runRetentionJob(later.appPrisma, storage, job, { clock, dryRun: true });
          expect(processed, `${job} due ${days} days on`).toBe(0);
        }
        const timeline = seedTimeline(clock.now());
        const { _max } = await later.prisma.businessFinancial.aggregate({ _max: { financialYearEnd: true } });
        expect(_max.financialYearEnd).toEqual(timeline.financialYearEnds.at(-1));
        // Accounts open 90 days before the day the seed runs.
        const admin = await later.prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
        expect((clock.now().getTime() - admin.createdAt.getTime()) / DAY_MS).toBeGreaterThanOrEqual(89);
        expect((clock.now().getTime() - admin.createdAt.getTime()) / DAY_MS).toBeLessThanOrEqual(91);
      } finally {
        await later.drop();
      }
    }
  });

  it("picks the latest financial year whose accounts are due (nine months after 31 March)", () => {
    const latest = (day: string) => seedTimeline(new Date(day)).financialYearEnds.at(-1)?.toISOString().slice(0, 10);
    expect(latest("2026-12-30T12:00:00Z")).toBe("2025-03-31");
    expect(latest("2026-12-31T12:00:00Z")).toBe("2026-03-31");
    expect(seedTimeline(new Date("2026-12-31T12:00:00Z")).financialYearEnds.map((d) => d.getUTCFullYear())).toEqual([
      2024, 2025, 2026,
    ]);
  });
});
