// Preview databases hold nobody's personal data (issue 12): a copy of production is masked
// column by column, as functions/gdpr/personal-data.ts says, keeping its shape and volume.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "../../functions/audit/verify-audit-chain.ts";
import { hashPassword } from "../../functions/auth/password.ts";
import { ENCRYPTED_COLUMNS, FieldCipher } from "../../functions/crypto/field-cipher.ts";
import { fieldKeyringFrom } from "../../functions/crypto/field-keyring.ts";
import { EMPTIED_TABLES, NOT_PERSONAL, PERSONAL_COLUMNS } from "../../functions/gdpr/personal-data.ts";
import { maskPersonalData } from "../../functions/previews/mask-personal-data.ts";
import { call, loginAs } from "../support/api-client.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { seededPersonalValues } from "../support/seeded-personal-values.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";
import { whereItAppears } from "../support/where-it-appears.ts";

/** The preview stage's own field-encryption key (a real deployment's is a secret of the stage). */
const PREVIEW_KEYS = {
  FIELD_ENCRYPTION_KEYS: `preview:${Buffer.alloc(32, 7).toString("base64")}`,
  BLIND_INDEX_KEY: Buffer.alloc(32, 8).toString("base64"),
};
const PREVIEW_PASSWORD = "preview-stage-password-2026";

describe("masking a copy of production for previews", () => {
  let db: TestDatabase;
  const counts = new Map<string, number>();

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    // Some of everything a live database has: sessions, activity, e-mails, documents, Q&A.
    const { app, deliverMail } = createTestApp(db.appPrisma);
    const seller = await loginAs(app, ACTORS.ownerSeller);
    const buyer = await loginAs(app, ACTORS.buyerWithNda);
    await call(app, "GET", `/businesses/${BUSINESS.confidentialPublished}`, { token: buyer, address: "203.0.113.77" });
    await call(app, "POST", "/auth/password-reset", { body: { email: ACTORS.buyerWithoutNda } });
    await deliverMail();
    const form = new FormData();
    form.set("file", new File(["%PDF-1.7 accounts"], "david-hughes-accounts-2025.pdf", { type: "application/pdf" }));
    const room = (await db.prisma.dealRoom.findFirstOrThrow()).id;
    await app.request(`/deal-rooms/${room}/documents`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${seller}` },
    });
    await call(app, "POST", `/deal-rooms/${room}/questions`, {
      token: buyer,
      body: { body: "Tom Bradshaw asks: are David's accounts audited?" },
    });
    for (const table of ["users", "businesses", "inquiries", "documents", "deal_room_questions", "valuations"]) {
      counts.set(table, (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`))[0]!.n);
    }
  });
  afterAll(() => db.drop());

  it("knows every text, JSON and array column: personal (and how to mask it), not personal, or emptied", async () => {
    const columns = await db.query<{ name: string; table: string }>(
      `SELECT table_name || '.' || column_name AS name, table_name AS table FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    const unknown = columns.filter(
      ({ name, table }) => !(name in PERSONAL_COLUMNS) && !(name in NOT_PERSONAL) && !(table in EMPTIED_TABLES),
    );
    expect(unknown.map((column) => column.name)).toEqual([]);
    for (const name of Object.keys(PERSONAL_COLUMNS)) expect(name in NOT_PERSONAL, name).toBe(false);
    // Every encrypted column is personal and masked as such.
    for (const column of ENCRYPTED_COLUMNS) expect(["encrypted", "null"]).toContain(PERSONAL_COLUMNS[column]?.mask);
  });

  it("says, for a reviewer, what each personal column holds and why each other column or emptied table is not masked", () => {
    const explanations = [
      ...Object.entries(PERSONAL_COLUMNS).map(([name, column]) => [name, column.holds] as const),
      ...Object.entries(NOT_PERSONAL),
      ...Object.entries(EMPTIED_TABLES),
    ];
    // Words, not a placeholder: at least two of them.
    for (const [name, explanation] of explanations) expect(explanation, name).toMatch(/^\S+(\s+\S+)+$/);
  });

  it("leaves no personal value anywhere, and every row it does not empty", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const cipher = new FieldCipher(fieldKeyringFrom(PREVIEW_KEYS));
    try {
      const report = await maskPersonalData(client, { cipher, passwordHash: await hashPassword(PREVIEW_PASSWORD) });
      expect(report.masked["users.email"]).toBe(counts.get("users"));
    } finally {
      await client.end();
    }

    const personal = [...seededPersonalValues(), "203.0.113.", "david-hughes-accounts", "Tom Bradshaw asks"];
    const leaks: string[] = [];
    for (const value of personal) {
      const found = await whereItAppears(db, value);
      if (found.length > 0) leaks.push(`${value}: ${found.join(", ")}`);
    }
    expect(leaks).toEqual([]);

    for (const [table, before] of counts) {
      expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`))[0]!.n, table).toBe(before);
    }
    for (const table of Object.keys(EMPTIED_TABLES).filter((name) => !name.endsWith("_chain"))) {
      expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`))[0]!.n, table).toBe(0);
    }
    // Encrypted values are stand-ins under the preview's key, not production's.
    const advisor = await db.prisma.advisorProfile.findFirstOrThrow({
      where: { amlRegistrationNumber: { not: null } },
    });
    expect(cipher.decrypt("advisor_profiles.aml_registration_number", advisor.amlRegistrationNumber!)).toBe(
      "XMLA00000000",
    );
    expect(() =>
      new FieldCipher(fieldKeyringFrom({})).decrypt(
        "advisor_profiles.aml_registration_number",
        advisor.amlRegistrationNumber!,
      ),
    ).toThrow();
  });

  it("is a working database: an account logs in with the preview password, search and the chains work", async () => {
    const { app } = createTestApp(db.appPrisma);
    const email = (await db.prisma.user.findFirstOrThrow({ where: { role: "SELLER" } })).email;
    expect(email).toMatch(/^person-[0-9a-f-]+@example\.invalid$/);
    const token = await loginAs(app, email, PREVIEW_PASSWORD);
    expect((await call(app, "GET", "/me", { token })).status).toBe(200);
    const page = (await (await call(app, "GET", "/businesses?sort=price_desc")).json()) as { items: unknown[] };
    expect(page.items.length).toBeGreaterThan(0);
    expect((await verifyChain(db.url, "audit")).ok).toBe(true);
    expect((await verifyChain(db.url, "activity")).ok).toBe(true);
  });
});
