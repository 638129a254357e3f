import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FieldCipher } from "../../functions/crypto/field-cipher.ts";
import { fieldKeyringFrom } from "../../functions/crypto/field-keyring.ts";
import { phoneBlindIndex } from "../../functions/crypto/phone-number.ts";
import { rotateFieldKeys } from "../../functions/crypto/rotate-field-keys.ts";
import { ADVISORS, BUYERS, SELLERS } from "../../prisma/seed/seed-data.ts";
import { seedTestData } from "../support/seed.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const OLD_KEY = randomBytes(32).toString("base64");
const NEW_KEY = randomBytes(32).toString("base64");
const BLIND = randomBytes(32).toString("base64");
const cipher = (keys: string, active?: string, blind = BLIND) =>
  new FieldCipher(
    fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: keys, FIELD_ENCRYPTION_ACTIVE_KEY: active, BLIND_INDEX_KEY: blind }),
  );
const before = cipher(`old:${OLD_KEY}`);
const during = cipher(`old:${OLD_KEY},new:${NEW_KEY}`, "new");
const after = cipher(`new:${NEW_KEY}`);

/** Every encrypted value in the database, by key id ("plain" for plain text). */
async function keyIds(db: TestDatabase): Promise<Record<string, number>> {
  const rows = await db.query<{ key: string; n: number }>(
    `SELECT CASE WHEN value LIKE 'v1:%' THEN split_part(value, ':', 2) ELSE 'plain' END AS key, count(*)::int AS n
     FROM (SELECT phone AS value FROM users UNION ALL SELECT aml_registration_number FROM advisor_profiles
           UNION ALL SELECT nda_accepted_ip FROM inquiries UNION ALL SELECT ip_address FROM deal_signatures) v
     WHERE value IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.key, row.n]));
}

describe("encryption:rotate on a real database", () => {
  let db: TestDatabase;
  let total: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma, before);
    // One legacy row from before encryption: plain text, no blind index.
    await db.query(`UPDATE users SET phone = '0161 496 9999', phone_blind_index = NULL WHERE email = $1`, [
      BUYERS[0]!.email,
    ]);
    total = Object.values(await keyIds(db)).reduce((sum, n) => sum + n, 0);
  });
  afterAll(() => db.drop());

  it("holds the seed's personal fields encrypted, never as the plain value", async () => {
    expect(await keyIds(db)).toEqual({ old: total - 1, plain: 1 });
    const [{ n }] = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE phone = ANY($1) OR phone_blind_index IS NULL AND phone IS NOT NULL`,
      [SELLERS.map((seller) => seller.phone)],
    )) as [{ n: number }];
    expect(n).toBe(1); // only the legacy row
  });

  it("dry run counts and changes nothing; a real run moves every value to the new key, in batches", async () => {
    const dry = await rotateFieldKeys(db.appPrisma, during, { dryRun: true, batchSize: 4 });
    expect(dry.reduce((sum, result) => sum + result.rewritten, 0)).toBe(total);
    expect(await keyIds(db)).toEqual({ old: total - 1, plain: 1 });

    const progress: number[] = [];
    const results = await rotateFieldKeys(db.appPrisma, during, {
      batchSize: 4,
      onProgress: ({ rewritten }) => progress.push(rewritten),
    });
    expect(results.find((result) => result.column === "users.phone")).toMatchObject({ wasPlainText: 1 });
    expect(progress.length).toBeGreaterThan(3);
    expect(await keyIds(db)).toEqual({ new: total });

    // With the old key gone, everything still decrypts to what was written.
    const users = await db.prisma.user.findMany({ where: { phone: { not: null } } });
    const phones = users.map((user) => after.decrypt("users.phone", user.phone!)).sort();
    const expected = [...SELLERS, ...BUYERS.slice(1), ...ADVISORS].map((person) => person.phone);
    expect(phones).toEqual([...expected, "0161 496 9999"].sort());
    const advisors = await db.prisma.advisorProfile.findMany();
    expect(
      advisors.map((a) => after.decrypt("advisor_profiles.aml_registration_number", a.amlRegistrationNumber!)).sort(),
    ).toEqual(ADVISORS.map((advisor) => advisor.amlRegistrationNumber).sort());
    // The legacy row got its blind index, so it can be found by number.
    const legacy = await db.prisma.user.findFirstOrThrow({ where: { email: BUYERS[0]!.email } });
    expect(legacy.phoneBlindIndex).toBe(phoneBlindIndex(after, "+44 161 496 9999"));

    // Idempotent: a second run has nothing to do.
    const again = await rotateFieldKeys(db.appPrisma, after);
    expect(again.every((result) => result.rewritten === 0)).toBe(true);
  });

  it("--reindex recomputes every phone blind index under a new blind index key", async () => {
    const newBlind = randomBytes(32).toString("base64");
    const reindexing = cipher(`new:${NEW_KEY}`, undefined, newBlind);
    const seller = SELLERS[0]!;
    const oldIndex = phoneBlindIndex(after, seller.phone);
    expect(await db.prisma.user.count({ where: { phoneBlindIndex: oldIndex } })).toBe(1);
    await rotateFieldKeys(db.appPrisma, reindexing, { reindex: true });
    expect(await db.prisma.user.count({ where: { phoneBlindIndex: oldIndex } })).toBe(0);
    expect(
      await db.prisma.user.findFirst({ where: { phoneBlindIndex: phoneBlindIndex(reindexing, seller.phone) } }),
    ).toMatchObject({ email: seller.email });
    expect(await keyIds(db)).toEqual({ new: total });
  });

  it("is recorded in the audit trail with the values redacted", async () => {
    const rows = await db.query<{ changes: Record<string, { old: unknown; new: unknown }> }>(
      `SELECT changes FROM audit_logs WHERE table_name = 'users' AND action = 'UPDATE' AND 'phone' = ANY(changed_columns)`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every((row) => row.changes.phone!.old === "[redacted]" && row.changes.phone!.new === "[redacted]"),
    ).toBe(true);
  });
});
