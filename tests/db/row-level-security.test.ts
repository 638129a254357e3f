import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCredentials } from "../../functions/db/database-roles.ts";
import { ROW_LEVEL_SECURITY_TABLES, runWithDatabaseSession } from "../../functions/db/database-session.ts";
import { createDatabaseClient } from "../../functions/db/prisma-client.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { TEST_LOGINS } from "../support/database-names.ts";
import { findPgbouncer, type RunningPgbouncer, startPgbouncer } from "../support/pgbouncer.ts";
import { seedTestData } from "../support/seed.ts";
import { BUSINESS } from "../support/seed-actors.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// Seeded people around business-1 (see tests/support/seed-actors.ts).
const SELLER = stableId("seller-1");
const OTHER_SELLER = stableId("seller-2");
const BUYER_WITH_NDA = stableId("buyer-1");
const BUYER_WITHOUT_NDA = stableId("buyer-2");

let db: TestDatabase;
let documentId: string;
let dealRoomId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedTestData(db.prisma);
  const room = await db.prisma.dealRoom.findFirstOrThrow({
    where: { businessId: BUSINESS.confidentialPublished },
    include: { members: true },
  });
  dealRoomId = room.id;
  documentId = (
    await db.prisma.document.create({
      data: {
        businessId: room.businessId,
        dealRoomId: room.id,
        uploadedById: SELLER,
        fileName: "management-accounts.pdf",
        contentType: "application/pdf",
        sizeBytes: 10n,
        sha256: "b".repeat(64),
        storageKey: "rls/management-accounts.pdf",
      },
    })
  ).id;
});
afterAll(() => db.drop());

/** Raw SQL as the app role, in a transaction with the given settings. */
async function asApp<Row extends pg.QueryResultRow>(
  settings: { userId?: string; role?: string },
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: db.appUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      "SELECT set_config('exitmatch.user_id', $1, true), set_config('exitmatch.user_role', $2, true)",
      [settings.userId ?? "", settings.role ?? ""],
    );
    const { rows } = await client.query<Row>(sql, params);
    await client.query("COMMIT");
    return rows;
  } finally {
    await client.end();
  }
}

const financialsOfBusiness1 = (settings: { userId?: string; role?: string }) =>
  asApp<{ n: number }>(settings, "SELECT count(*)::int AS n FROM business_financials WHERE business_id = $1", [
    BUSINESS.confidentialPublished,
  ]).then((rows) => rows[0]!.n);

describe("row-level security, through raw SQL as the application role", () => {
  it("the owner sees financials; the app role with no user sees none, of any business", async () => {
    const [{ n: owned }] = (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM business_financials WHERE business_id = $1",
      [BUSINESS.confidentialPublished],
    )) as [{ n: number }];
    expect(owned).toBeGreaterThan(0);
    expect(await financialsOfBusiness1({})).toBe(0);
    expect(await asApp<{ n: number }>({}, "SELECT count(*)::int AS n FROM business_financials")).toEqual([{ n: 0 }]);
    expect(await asApp<{ n: number }>({}, "SELECT count(*)::int AS n FROM documents")).toEqual([{ n: 0 }]);
  });

  it("financials: the seller, the buyer with an accepted NDA and admins see them; others do not", async () => {
    const [{ n: total }] = (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM business_financials WHERE business_id = $1",
      [BUSINESS.confidentialPublished],
    )) as [{ n: number }];
    expect(await financialsOfBusiness1({ userId: SELLER, role: "SELLER" })).toBe(total);
    expect(await financialsOfBusiness1({ userId: BUYER_WITH_NDA, role: "BUYER" })).toBe(total);
    expect(await financialsOfBusiness1({ userId: stableId("admin"), role: "ADMIN" })).toBe(total);
    expect(await financialsOfBusiness1({ userId: BUYER_WITHOUT_NDA, role: "BUYER" })).toBe(0);
    expect(await financialsOfBusiness1({ userId: OTHER_SELLER, role: "SELLER" })).toBe(0);
    // Claiming a role is not enough without being the person.
    expect(await financialsOfBusiness1({ userId: BUYER_WITHOUT_NDA, role: "SELLER" })).toBe(0);
  });

  it("a buyer with an NDA can read but not write financials; another seller cannot insert any", async () => {
    const updated = await asApp(
      { userId: BUYER_WITH_NDA, role: "BUYER" },
      "UPDATE business_financials SET revenue_pence = 1 WHERE business_id = $1 RETURNING id",
      [BUSINESS.confidentialPublished],
    );
    expect(updated).toEqual([]);
    await expect(
      asApp(
        { userId: OTHER_SELLER, role: "SELLER" },
        `INSERT INTO business_financials (id, business_id, entered_by_id, financial_year_end, revenue_pence, updated_at)
         VALUES (gen_random_uuid(), $1, $2, '2019-03-31', 100, now())`,
        [BUSINESS.confidentialPublished, OTHER_SELLER],
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("documents: active deal-room members and the seller see them; a revoked member and outsiders do not", async () => {
    const visibleTo = async (userId: string, role = "BUYER") =>
      (await asApp({ userId, role }, "SELECT id FROM documents WHERE id = $1", [documentId])).length;
    const member = await db.prisma.dealRoomMember.findFirstOrThrow({
      where: { dealRoomId, role: { not: "OWNER" }, revokedAt: null },
    });
    expect(await visibleTo(SELLER, "SELLER")).toBe(1);
    expect(await visibleTo(member.userId)).toBe(1);
    expect(await visibleTo(BUYER_WITHOUT_NDA)).toBe(0);

    await db.prisma.dealRoomMember.update({ where: { id: member.id }, data: { revokedAt: new Date() } });
    try {
      expect(await visibleTo(member.userId)).toBe(0);
    } finally {
      await db.prisma.dealRoomMember.update({ where: { id: member.id }, data: { revokedAt: null } });
    }
    await db.prisma.dealRoomMember.update({
      where: { id: member.id },
      data: { accessExpiresAt: new Date(Date.now() - 1000) },
    });
    try {
      expect(await visibleTo(member.userId)).toBe(0);
    } finally {
      await db.prisma.dealRoomMember.update({ where: { id: member.id }, data: { accessExpiresAt: null } });
    }
  });

  it("an outsider's delete of a document touches nothing", async () => {
    const deleted = await asApp({ userId: BUYER_WITHOUT_NDA, role: "BUYER" }, "DELETE FROM documents RETURNING id");
    expect(deleted).toEqual([]);
    expect(await db.query("SELECT id FROM documents WHERE id = $1", [documentId])).toHaveLength(1);
  });
});

describe("which reads carry the caller", () => {
  it("the session wrapper knows every table with row-level security", async () => {
    const rows = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relrowsecurity ORDER BY 1`,
    );
    expect(rows.map((row) => row.name)).toEqual([...ROW_LEVEL_SECURITY_TABLES]);
  });
});

describe("database roles", () => {
  it("the application role has no DDL, no BYPASSRLS and cannot change the migration history", async () => {
    const [role] = await db.query<{ rolbypassrls: boolean; rolsuper: boolean; rolcreaterole: boolean }>(
      "SELECT rolbypassrls, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = 'exitmatch_app'",
    );
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false, rolcreaterole: false });
    for (const sql of [
      "CREATE TABLE scratch (id int)",
      "ALTER TABLE businesses ADD COLUMN scratch int",
      "DROP TABLE matches",
      "ALTER TABLE documents DISABLE ROW LEVEL SECURITY",
      "DELETE FROM _prisma_migrations",
    ]) {
      await expect(asApp({}, sql), sql).rejects.toThrow(/permission denied|must be owner/);
    }
  });

  it("the read-only role reads business data (analytics) but writes nothing and never sees credentials", async () => {
    const url = withCredentials(db.url, TEST_LOGINS.readonly.name, TEST_LOGINS.readonly.password);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM business_financials");
      expect(rows[0]!.n).toBeGreaterThan(0);
      await expect(client.query("UPDATE businesses SET title = 'x'")).rejects.toThrow(/permission denied/);
      await expect(client.query("SELECT * FROM sessions")).rejects.toThrow(/permission denied/);
      await expect(client.query("SELECT * FROM user_tokens")).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });
});

// Settings are transaction-local, so behind pgbouncer in transaction mode one client's user
// can never be another's. Two server connections serve many concurrent sessions here.
const pgbouncer = findPgbouncer();
describe.skipIf(!pgbouncer && !process.env.CI)("behind pgbouncer in transaction mode", () => {
  let bouncer: RunningPgbouncer;
  let pooled: ReturnType<typeof createDatabaseClient>;

  beforeAll(async () => {
    if (!pgbouncer) throw new Error("pgbouncer is not installed (apt-get install pgbouncer)");
    bouncer = await startPgbouncer(pgbouncer, db.appUrl, 2);
    pooled = createDatabaseClient(bouncer.urlFor(db.name), { maxConnections: 20 });
  });
  afterAll(async () => {
    await pooled?.prisma.$disconnect();
    await bouncer?.stop();
  });

  it("each concurrent session sees exactly what its own user may see", async () => {
    const people = [
      { userId: SELLER, userRole: "SELLER", sees: true },
      { userId: BUYER_WITHOUT_NDA, userRole: "BUYER", sees: false },
      { userId: BUYER_WITH_NDA, userRole: "BUYER", sees: true },
      { userId: OTHER_SELLER, userRole: "SELLER", sees: false },
    ];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) => {
        const person = people[index % people.length]!;
        return runWithDatabaseSession(person, () =>
          pooled.prisma.businessFinancial.count({ where: { businessId: BUSINESS.confidentialPublished } }),
        ).then((count) => ({ sees: person.sees, count }));
      }),
    );
    for (const result of results) expect(result.count > 0).toBe(result.sees);
    // And a query with no session afterwards sees nothing: no setting survived its transaction.
    expect(await pooled.prisma.businessFinancial.count()).toBe(0);
  });
});
