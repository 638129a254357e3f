import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDITED_TABLES, UNAUDITED_TABLES } from "../../functions/audit/audited-tables.ts";
import { verifyAuditChain } from "../../functions/audit/verify-audit-chain.ts";
import { runWithDatabaseSession } from "../../functions/db/database-session.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { TEST_LOGINS } from "../support/database-names.ts";
import { seedTestData } from "../support/seed.ts";
import { BUSINESS } from "../support/seed-actors.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

let db: TestDatabase;
const ADMIN_ID = stableId("admin");
const SELLER_ID = stableId("seller-1");

beforeAll(async () => {
  db = await createTestDatabase();
  await seedTestData(db.prisma);
  // The seed has no deal-room documents or questions; one of each, so every table has a row.
  const room = await db.prisma.dealRoom.findFirstOrThrow({ select: { id: true, businessId: true } });
  const document = await db.prisma.document.create({
    data: {
      businessId: room.businessId,
      dealRoomId: room.id,
      uploadedById: SELLER_ID,
      fileName: "accounts-2025.pdf",
      contentType: "application/pdf",
      sizeBytes: 1024n,
      sha256: "a".repeat(64),
      storageKey: "test/accounts-2025.pdf",
    },
  });
  await db.prisma.dealRoomQuestion.create({
    data: { dealRoomId: room.id, documentId: document.id, askedById: SELLER_ID, body: "Is this audited?" },
  });
});
afterAll(() => db.drop());

/** Runs `work` on one connection of `url` inside a transaction that is rolled back. */
async function inRolledBackTransaction<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    return await work(client);
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end();
  }
}

describe("audit coverage", () => {
  it("every table is either audited by triggers or listed as deliberately unaudited, with a reason", async () => {
    const tables = (
      await db.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      )
    ).map((row) => row.table_name);
    const triggered = (
      await db.query<{ table_name: string }>(
        `SELECT DISTINCT c.relname AS table_name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE t.tgname = 'audit_row_change'`,
      )
    ).map((row) => row.table_name);
    expect(triggered.sort()).toEqual([...AUDITED_TABLES].sort());
    expect(tables.filter((table) => !triggered.includes(table)).sort()).toEqual(Object.keys(UNAUDITED_TABLES).sort());
  });

  it.each(AUDITED_TABLES)("%s: the seed's inserts were each recorded", async (table) => {
    const rows = (await db.query<{ rows: string }>(`SELECT count(*)::text AS rows FROM "${table}"`))[0]!.rows;
    const audited = (
      await db.query<{ audited: string }>(
        "SELECT count(DISTINCT row_id)::text AS audited FROM audit_logs WHERE table_name = $1 AND action = 'INSERT'",
        [table],
      )
    )[0]!.audited;
    expect(Number(rows)).toBeGreaterThan(0);
    expect(audited).toBe(rows);
  });

  it.each(AUDITED_TABLES)(
    "%s: a raw SQL update and delete by the app role are recorded with the actor",
    async (table) => {
      await inRolledBackTransaction(db.appUrl, async (client) => {
        await client.query(
          `SELECT set_config('exitmatch.user_id', $1, true), set_config('exitmatch.user_role', 'ADMIN', true),
                set_config('exitmatch.request_id', 'raw-sql', true)`,
          [ADMIN_ID],
        );
        const [row] = (await client.query<{ id: string }>(`SELECT id FROM "${table}" ORDER BY id LIMIT 1`)).rows;
        const column =
          { deal_room_members: "revoked_at", notification_preferences: "updated_at", saved_searches: "updated_at" }[
            table as string
          ] ?? "deleted_at";
        await client.query(`UPDATE "${table}" SET ${column} = now() WHERE id = $1`, [row!.id]);
        await client.query(`DELETE FROM "${table}" WHERE id = $1`, [row!.id]);
        const entries = (
          await client.query<{ action: string; changed_columns: string[]; actor_user_id: string; request_id: string }>(
            `SELECT action, changed_columns, actor_user_id, request_id FROM audit_logs
           WHERE table_name = $1 AND row_id = $2 AND request_id = 'raw-sql' ORDER BY id`,
            [table, row!.id],
          )
        ).rows;
        expect(entries).toEqual([
          { action: "UPDATE", changed_columns: [column], actor_user_id: ADMIN_ID, request_id: "raw-sql" },
          expect.objectContaining({ action: "DELETE", actor_user_id: ADMIN_ID }),
        ]);
      });
    },
  );

  it("records old and new values, redacts sensitive columns, and skips counter-only updates", async () => {
    await inRolledBackTransaction(db.url, async (client) => {
      await client.query("UPDATE businesses SET title = 'Renamed listing' WHERE id = $1", [BUSINESS.draft]);
      await client.query("UPDATE businesses SET view_count = view_count + 1 WHERE id = $1", [BUSINESS.draft]);
      await client.query("UPDATE users SET name = 'Someone Else', phone = NULL WHERE id = $1", [SELLER_ID]);
      const entries = (
        await client.query<{ table_name: string; changes: Record<string, unknown> }>(
          "SELECT table_name, changes FROM audit_logs WHERE action = 'UPDATE' ORDER BY id DESC LIMIT 2",
        )
      ).rows;
      expect(entries[0]).toEqual({
        table_name: "users",
        changes: { name: { old: "[redacted]", new: "[redacted]" }, phone: { old: "[redacted]", new: null } },
      });
      expect(entries[1]!.table_name).toBe("businesses");
      expect(entries[1]!.changes).toMatchObject({ title: { new: "Renamed listing" } });
    });
  });

  it("writes through Prisma carry the session's user and request id, nested writes included", async () => {
    const business = await runWithDatabaseSession(
      { userId: SELLER_ID, userRole: "SELLER", requestId: "req-nested" },
      () =>
        db.appPrisma.business.update({
          where: { id: BUSINESS.draft },
          data: { title: "Nested write listing", valuations: { updateMany: { where: {}, data: { notes: "seen" } } } },
          select: { id: true },
        }),
    );
    const entries = await db.prisma.auditLog.findMany({ where: { requestId: "req-nested" }, orderBy: { id: "asc" } });
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries.every((entry) => entry.actorUserId === SELLER_ID)).toBe(true);
    expect(entries.map((entry) => entry.tableName)).toContain("businesses");
    expect(entries.find((entry) => entry.rowId === business.id)?.dbRole).toBe(TEST_LOGINS.app.name);
  });
});

describe("append-only", () => {
  it("the app role cannot update or delete audit rows", async () => {
    for (const sql of ["UPDATE audit_logs SET request_id = 'x'", "DELETE FROM audit_logs", "TRUNCATE audit_logs"]) {
      await expect(inRolledBackTransaction(db.appUrl, (client) => client.query(sql))).rejects.toThrow(
        /permission denied/,
      );
    }
  });

  it("even the owner's updates, deletes and truncates raise", async () => {
    for (const sql of ["UPDATE audit_logs SET request_id = 'x'", "DELETE FROM audit_logs", "TRUNCATE audit_logs"]) {
      await expect(inRolledBackTransaction(db.url, (client) => client.query(sql))).rejects.toThrow(
        /audit_logs is append-only/,
      );
    }
  });

  it("the app role cannot purge rows younger than 7 years", async () => {
    const purged = await inRolledBackTransaction(db.appUrl, (client) =>
      client.query<{ purged: number }>("SELECT purge_expired_audit_logs(1000) AS purged"),
    );
    expect(purged.rows[0]!.purged).toBe(0);
  });
});

describe("tamper detection", () => {
  /** A copy of the test database in which an owner with trigger privileges tampers. */
  async function tamperedCopy(tamper: string) {
    const copy = await createTestDatabase();
    await seedTestData(copy.prisma);
    await copy.query("ALTER TABLE audit_logs DISABLE TRIGGER USER");
    await copy.query(tamper);
    await copy.query("ALTER TABLE audit_logs ENABLE TRIGGER USER");
    return copy;
  }

  it("an intact chain verifies", async () => {
    const report = await verifyAuditChain(db.url);
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(50);
  });

  it("reports the first altered row", async () => {
    const copy = await tamperedCopy(
      "UPDATE audit_logs SET changes = '{}' WHERE id = (SELECT id FROM audit_logs ORDER BY id OFFSET 10 LIMIT 1)",
    );
    try {
      const id = (
        await copy.query<{ id: string }>("SELECT a.id::text AS id FROM audit_logs a ORDER BY a.id OFFSET 10 LIMIT 1")
      )[0]!.id;
      const report = await verifyAuditChain(copy.url);
      expect(report).toMatchObject({ ok: false, checked: 10, firstBrokenLink: { id } });
      expect(report.firstBrokenLink?.problem).toMatch(/altered/);
    } finally {
      await copy.drop();
    }
  });

  it("reports a removed row at the next link, and a removed tail at the end", async () => {
    const middle = await tamperedCopy(
      "DELETE FROM audit_logs WHERE id = (SELECT id FROM audit_logs ORDER BY id OFFSET 20 LIMIT 1)",
    );
    try {
      const id = (
        await middle.query<{ id: string }>("SELECT a.id::text AS id FROM audit_logs a ORDER BY a.id OFFSET 20 LIMIT 1")
      )[0]!.id;
      expect(await verifyAuditChain(middle.url)).toMatchObject({ ok: false, firstBrokenLink: { id } });
    } finally {
      await middle.drop();
    }
    const tail = await tamperedCopy("DELETE FROM audit_logs WHERE id = (SELECT max(id) FROM audit_logs)");
    try {
      const report = await verifyAuditChain(tail.url);
      expect(report.ok).toBe(false);
      expect(report.firstBrokenLink?.problem).toMatch(/removed/);
    } finally {
      await tail.drop();
    }
  });

  it("retention's purge of rows older than 7 years keeps the chain verifiable", async () => {
    const copy = await createTestDatabase();
    try {
      // Three old entries, then today's.
      await copy.query(
        `INSERT INTO audit_logs (table_name, row_id, action, occurred_at)
         SELECT 'businesses', 'old-' || n, 'UPDATE', now() - interval '8 years' FROM generate_series(1, 3) AS n`,
      );
      await copy.query("INSERT INTO audit_logs (table_name, row_id, action) VALUES ('businesses', 'recent', 'UPDATE')");
      const purged = (await copy.query<{ purged: number }>("SELECT purge_expired_audit_logs(1000) AS purged"))[0]!
        .purged;
      expect(purged).toBe(3);
      expect(await copy.query("SELECT row_id FROM audit_logs")).toEqual([{ row_id: "recent" }]);
      expect(await verifyAuditChain(copy.url)).toEqual({ ok: true, checked: 1 });
    } finally {
      await copy.drop();
    }
  });
});

describe("the chain under concurrent and bulk writes", () => {
  let copy: TestDatabase;
  beforeAll(async () => {
    copy = await createTestDatabase();
    await seedTestData(copy.prisma);
  });
  afterAll(() => copy.drop());

  async function expectOneChainWithHeadAtNewestRow() {
    const [{ rows }] = (await copy.query<{ rows: number }>("SELECT count(*)::int AS rows FROM audit_logs")) as [
      { rows: number },
    ];
    expect(await verifyAuditChain(copy.url)).toEqual({ ok: true, checked: rows });
    const [head] = await copy.query<{ matches: boolean }>(
      `SELECT c.last_id = a.id AND c.last_hash = a.hash AS matches
       FROM audit_chain c, (SELECT id, hash FROM audit_logs ORDER BY id DESC LIMIT 1) a`,
    );
    expect(head!.matches).toBe(true);
  }

  it("stays one chain when 8 connections write multi-row transactions at once, some rolling back a savepoint", async () => {
    const before = (await copy.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_logs"))[0]!.n;
    const worker = async (workerNo: number) => {
      const client = new pg.Client({ connectionString: copy.appUrl });
      await client.connect();
      try {
        for (let i = 0; i < 6; i += 1) {
          await client.query("BEGIN");
          await client.query("SELECT set_config('exitmatch.request_id', $1, true)", [`worker-${workerNo}-${i}`]);
          // Every listing: one statement, several audit rows.
          await client.query("UPDATE businesses SET version = version + 1");
          await client.query("SAVEPOINT half");
          await client.query("UPDATE valuations SET notes = $1", [`round ${workerNo}.${i}`]);
          if (i % 2 === 1) await client.query("ROLLBACK TO SAVEPOINT half");
          await client.query("COMMIT");
        }
      } finally {
        await client.end();
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, workerNo) => worker(workerNo)));
    const [counts] = await copy.query<{ businesses: number; valuations: number; logged: number }>(
      `SELECT (SELECT count(*)::int FROM businesses) AS businesses, (SELECT count(*)::int FROM valuations) AS valuations,
              (SELECT count(*)::int FROM audit_logs) AS logged`,
    );
    // 48 transactions: every listing each time, every valuation in the 24 that kept their savepoint.
    expect(counts!.logged - before).toBe(48 * counts!.businesses + 24 * counts!.valuations);
    await expectOneChainWithHeadAtNewestRow();
  });

  it("chains a 20,000-row transaction, including rows written after its head was recorded early", async () => {
    const client = new pg.Client({ connectionString: copy.url });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO audit_logs (table_name, row_id, action)
         SELECT 'businesses', 'bulk-' || n, 'UPDATE' FROM generate_series(1, 20000) AS n`,
      );
      // Records the head now (the deferred trigger fires); the rows after it must move it again.
      await client.query("SET CONSTRAINTS audit_chain_record_head IMMEDIATE");
      await client.query(
        "INSERT INTO audit_logs (table_name, row_id, action) VALUES ('businesses', 'after', 'UPDATE')",
      );
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
    await expectOneChainWithHeadAtNewestRow();
  });
});
