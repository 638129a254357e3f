import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDITED_TABLES, UNAUDITED_TABLES } from "../../functions/audit/audited-tables.ts";
import { sealAuditChain } from "../../functions/audit/seal-audit-chain.ts";
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

  /**
   * How each table's row is changed: the columns set (deleted_at by default), and which row (the
   * first by id by default; one nothing holds on to where other tables restrict its deletion).
   * Offer versions never change: their update must be refused, and only the delete is recorded.
   */
  const RAW_CHANGE: Record<string, { set?: string[]; pick?: string; immutable?: boolean }> = {
    deal_room_members: { set: ["revoked_at"] },
    notification_preferences: { set: ["updated_at"] },
    saved_searches: { set: ["updated_at"] },
    users: {
      pick: `INSERT INTO users (id, email, name, role, created_at, updated_at)
             VALUES (gen_random_uuid(), 'raw.sql@example.co.uk', 'Raw SQL', 'BUYER', now(), now()) RETURNING id`,
    },
    offers: {
      set: ["updated_at"],
      pick: `SELECT id FROM offers o WHERE NOT EXISTS (SELECT 1 FROM deals d WHERE d.offer_id = o.id) ORDER BY id LIMIT 1`,
    },
    offer_versions: {
      immutable: true,
      set: ["open_until"],
      pick: `SELECT id FROM offer_versions v WHERE NOT EXISTS (SELECT 1 FROM deals d WHERE d.offer_version_id = v.id)
             ORDER BY id LIMIT 1`,
    },
    deals: { set: ["updated_at"] },
    deal_signatures: { set: ["ip_address", "user_agent"] },
    exclusivities: { set: ["updated_at"] },
    buyer_due_diligence: { set: ["updated_at"] },
  };

  it.each(AUDITED_TABLES)(
    "%s: a raw SQL update and delete by the app role are recorded with the actor",
    async (table) => {
      await inRolledBackTransaction(db.appUrl, async (client) => {
        await client.query(
          `SELECT set_config('exitmatch.user_id', $1, true), set_config('exitmatch.user_role', 'ADMIN', true),
                set_config('exitmatch.request_id', 'raw-sql', true)`,
          [ADMIN_ID],
        );
        const change = RAW_CHANGE[table] ?? {};
        const pick = change.pick ?? `SELECT id FROM "${table}" ORDER BY id LIMIT 1`;
        const [row] = (await client.query<{ id: string }>(pick)).rows;
        const columns = change.set ?? ["deleted_at"];
        // Erasure's one allowed change to a signature clears its address and browser (NULL).
        const value = table === "deal_signatures" ? "NULL" : "now()";
        const update = `UPDATE "${table}" SET ${columns.map((column) => `${column} = ${value}`).join(", ")} WHERE id = $1`;
        if (change.immutable) {
          await client.query("SAVEPOINT before_update");
          await expect(client.query(update, [row!.id])).rejects.toThrow(/immutable/);
          await client.query("ROLLBACK TO SAVEPOINT before_update");
        } else {
          await client.query(update, [row!.id]);
        }
        await client.query(`DELETE FROM "${table}" WHERE id = $1`, [row!.id]);
        const entries = (
          await client.query<{ action: string; changed_columns: string[]; actor_user_id: string; request_id: string }>(
            `SELECT action, changed_columns, actor_user_id, request_id FROM audit_logs
           WHERE table_name = $1 AND row_id = $2 AND request_id = 'raw-sql' AND action <> 'INSERT' ORDER BY id`,
            [table, row!.id],
          )
        ).rows;
        expect(entries).toEqual([
          ...(change.immutable
            ? []
            : [{ action: "UPDATE", changed_columns: columns, actor_user_id: ADMIN_ID, request_id: "raw-sql" }]),
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

  it("an insert's and a delete's entry hold exactly the row's non-null columns, in the row's key order, less omitted ones", async () => {
    await inRolledBackTransaction(db.url, async (client) => {
      await client.query(
        `INSERT INTO businesses (id, seller_id, title, description, sic_code, region, asking_price_pence, premises_tenure, updated_at)
         VALUES ('00000000-0000-4000-8000-00000000a001', $1, 'Audit entry listing', 'Entry shape', '62012', 'LONDON', 250000000, 'LEASEHOLD', now())`,
        [SELLER_ID],
      );
      await client.query("DELETE FROM businesses WHERE id = '00000000-0000-4000-8000-00000000a001'");
      // What the entry must be, from the row as stored, by a route independent of the trigger's.
      const expected = async (action: "INSERT" | "DELETE", side: "new" | "old") => {
        const { rows } = await client.query<{ row: Record<string, unknown>; keys: string[] }>(
          `SELECT to_jsonb(b) - 'search_vector' - 'title_vector' AS row,
                  ARRAY(SELECT k FROM jsonb_object_keys(to_jsonb(b) - 'search_vector' - 'title_vector') AS k
                         WHERE to_jsonb(b) -> k <> 'null') AS keys
             FROM audit_logs a, jsonb_populate_record(NULL::businesses,
                    (SELECT jsonb_object_agg(key, value -> $2) FROM jsonb_each(a.changes))) AS b
            WHERE a.table_name = 'businesses' AND a.row_id = '00000000-0000-4000-8000-00000000a001' AND a.action = $1`,
          [action, side],
        );
        return rows[0]!;
      };
      const entries = (
        await client.query<{ action: string; changed_columns: string[]; changes: Record<string, { new?: unknown }> }>(
          `SELECT action, changed_columns, changes FROM audit_logs
            WHERE table_name = 'businesses' AND row_id = '00000000-0000-4000-8000-00000000a001' ORDER BY id`,
        )
      ).rows;
      expect(entries.map((entry) => entry.action)).toEqual(["INSERT", "DELETE"]);
      for (const [entry, side] of [
        [entries[0]!, "new"],
        [entries[1]!, "old"],
      ] as const) {
        const { row, keys } = await expected(entry.action as "INSERT" | "DELETE", side);
        expect(entry.changed_columns).toEqual(keys);
        expect(Object.keys(entry.changes).sort()).toEqual([...keys].sort());
        for (const key of keys) expect(entry.changes[key]).toEqual({ [side]: row[key] });
      }
      expect(entries[0]!.changed_columns).toContain("title");
      expect(entries[0]!.changed_columns).not.toContain("search_vector");
      expect(entries[0]!.changed_columns).not.toContain("deleted_at");
    });
  });

  it("records the acting user only when the setting holds a well-formed id", async () => {
    await inRolledBackTransaction(db.url, async (client) => {
      for (const value of [SELLER_ID, "not-a-user-id", ""]) {
        await client.query("SELECT set_config('exitmatch.user_id', $1, true)", [value]);
        await client.query("UPDATE businesses SET title = $1 WHERE id = $2", [`Titled by ${value}`, BUSINESS.draft]);
      }
      const actors = (
        await client.query<{ actor_user_id: string | null }>(
          "SELECT actor_user_id FROM audit_logs WHERE table_name = 'businesses' ORDER BY id DESC LIMIT 3",
        )
      ).rows.map((row) => row.actor_user_id);
      expect(actors).toEqual([null, null, SELLER_ID]);
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
    await sealAuditChain(copy.prisma);
    await copy.query("ALTER TABLE audit_logs DISABLE TRIGGER USER");
    await copy.query(tamper);
    await copy.query("ALTER TABLE audit_logs ENABLE TRIGGER USER");
    return copy;
  }

  it("an intact chain verifies once sealed; rows written since wait for the sealer, counted", async () => {
    const copy = await createTestDatabase();
    try {
      await seedTestData(copy.prisma);
      const written = (await copy.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_logs"))[0]!.n;
      expect(await verifyAuditChain(copy.url)).toMatchObject({ ok: true, checked: 0, unsealed: { rows: written } });
      expect(await sealAuditChain(copy.prisma)).toBe(written);
      const report = await verifyAuditChain(copy.url);
      expect(report).toMatchObject({ ok: true, checked: written, unsealed: { rows: 0, oldestSeconds: 0 } });
      expect(written).toBeGreaterThan(50);
    } finally {
      await copy.drop();
    }
  });

  it("reports the first altered row", async () => {
    const copy = await tamperedCopy(
      "UPDATE audit_logs SET changes = '{}' WHERE chain_position = (SELECT min(chain_position) + 10 FROM audit_logs)",
    );
    try {
      const id = (
        await copy.query<{ id: string }>(
          "SELECT a.id::text AS id FROM audit_logs a ORDER BY a.chain_position OFFSET 10 LIMIT 1",
        )
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
      "DELETE FROM audit_logs WHERE chain_position = (SELECT min(chain_position) + 20 FROM audit_logs)",
    );
    try {
      const id = (
        await middle.query<{ id: string }>(
          "SELECT a.id::text AS id FROM audit_logs a ORDER BY a.chain_position OFFSET 20 LIMIT 1",
        )
      )[0]!.id;
      expect(await verifyAuditChain(middle.url)).toMatchObject({ ok: false, firstBrokenLink: { id } });
    } finally {
      await middle.drop();
    }
    const tail = await tamperedCopy(
      "DELETE FROM audit_logs WHERE chain_position = (SELECT max(chain_position) FROM audit_logs)",
    );
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
      // Only sealed rows are purged: nothing goes before the sealer has chained it.
      expect((await copy.query<{ purged: number }>("SELECT purge_expired_audit_logs(1000) AS purged"))[0]!.purged).toBe(
        0,
      );
      await sealAuditChain(copy.prisma);
      const purged = (await copy.query<{ purged: number }>("SELECT purge_expired_audit_logs(1000) AS purged"))[0]!
        .purged;
      expect(purged).toBe(3);
      expect(await copy.query("SELECT row_id FROM audit_logs")).toEqual([{ row_id: "recent" }]);
      expect(await verifyAuditChain(copy.url)).toMatchObject({ ok: true, checked: 1 });
    } finally {
      await copy.drop();
    }
  });

  it("reports two rows that swapped places in the chain", async () => {
    const copy = await tamperedCopy(
      `CREATE TEMP TABLE first AS SELECT min(chain_position) AS m FROM audit_logs;
       UPDATE audit_logs SET chain_position = -1 FROM first WHERE chain_position = m + 5;
       UPDATE audit_logs SET chain_position = m + 5 FROM first WHERE chain_position = m + 6;
       UPDATE audit_logs SET chain_position = m + 6 FROM first WHERE chain_position = -1;`,
    );
    try {
      const report = await verifyAuditChain(copy.url);
      expect(report).toMatchObject({ ok: false, checked: 5 });
      expect(report.firstBrokenLink?.problem).toMatch(/does not link/);
    } finally {
      await copy.drop();
    }
  });

  it("reports a row inserted into the chain, even one carrying a correctly computed hash", async () => {
    // Room at position m + 30, then a forged row there that links to the row before it.
    const copy = await tamperedCopy(
      `UPDATE audit_logs SET chain_position = chain_position + 1000000
         WHERE chain_position > (SELECT min(chain_position) + 29 FROM audit_logs);
       INSERT INTO audit_logs (id, table_name, row_id, action, db_role, occurred_at, chain_position, prev_hash, hash)
         SELECT 999999, 'businesses', 'forged', 'UPDATE', 'exitmatch', now(), chain_position + 1, hash, ''
         FROM audit_logs WHERE chain_position = (SELECT min(chain_position) + 29 FROM audit_logs);
       UPDATE audit_logs a SET hash = audit_log_hash(a) WHERE id = 999999;`,
    );
    try {
      const report = await verifyAuditChain(copy.url);
      expect(report).toMatchObject({ ok: false, checked: 31 });
      expect(report.firstBrokenLink?.problem).toMatch(/does not link/);
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
    await sealAuditChain(copy.prisma);
  });
  afterAll(() => copy.drop());

  /** Every audit row is sealed into one chain, and the head is its last row. */
  async function expectOneSealedChain() {
    await sealAuditChain(copy.prisma);
    const [{ rows }] = (await copy.query<{ rows: number }>("SELECT count(*)::int AS rows FROM audit_logs")) as [
      { rows: number },
    ];
    expect(await verifyAuditChain(copy.url)).toMatchObject({ ok: true, checked: rows, unsealed: { rows: 0 } });
    const [head] = await copy.query<{ matches: boolean }>(
      `SELECT c.last_id = a.chain_position AND c.last_hash = a.hash AS matches
       FROM audit_chain c, (SELECT chain_position, hash FROM audit_logs ORDER BY chain_position DESC LIMIT 1) a`,
    );
    expect(head!.matches).toBe(true);
  }

  it("a writer never waits for another's open transaction, and rows sealed meanwhile stay sealed in order", async () => {
    const [first, second] = await copy.query<{ id: string }>("SELECT id::text FROM businesses ORDER BY id LIMIT 2");
    const holder = new pg.Client({ connectionString: copy.appUrl });
    const other = new pg.Client({ connectionString: copy.appUrl });
    await holder.connect();
    await other.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("UPDATE businesses SET title = 'Held open' WHERE id = $1", [first!.id]);
      // Before, this waited for the chain lock until the holder committed; now it must not wait at all.
      await other.query("SET lock_timeout = '1s'");
      await other.query("UPDATE businesses SET title = 'Written meanwhile' WHERE id = $1", [second!.id]);
      expect(await sealAuditChain(copy.prisma)).toBe(1);
      await holder.query("COMMIT");
      expect(await sealAuditChain(copy.prisma)).toBe(1);
      const order = await copy.query<{ row_id: string }>(
        "SELECT row_id FROM audit_logs WHERE row_id = ANY($1) AND table_name = 'businesses' ORDER BY chain_position DESC LIMIT 2",
        [[first!.id, second!.id]],
      );
      // Chained in the order they became visible: the one committed first comes first.
      expect(order.map((row) => row.row_id)).toEqual([first!.id, second!.id]);
    } finally {
      await holder.end();
      await other.end();
    }
    await expectOneSealedChain();
  });

  it("stays one chain when 8 connections write multi-row transactions at once, some rolling back a savepoint, while two sealers run", async () => {
    const before = (await copy.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_logs"))[0]!.n;
    let writing = true;
    const sealer = async () => {
      let sealed = 0;
      while (writing) sealed += await sealAuditChain(copy.appPrisma);
      return sealed;
    };
    const worker = async (workerNo: number) => {
      const client = new pg.Client({ connectionString: copy.appUrl });
      await client.connect();
      try {
        for (let i = 0; i < 6; i += 1) {
          await client.query("BEGIN");
          await client.query("SELECT set_config('exitmatch.request_id', $1, true)", [`worker-${workerNo}-${i}`]);
          // This worker's share of the listings: one statement, several audit rows. (Shares, so
          // that writers never queue on the same rows and only the audit trail could join them.)
          await client.query("UPDATE businesses SET version = version + 1 WHERE abs(hashtext(id::text)) % 8 = $1", [
            workerNo,
          ]);
          await client.query("SAVEPOINT half");
          await client.query("UPDATE valuations SET notes = $1 WHERE abs(hashtext(id::text)) % 8 = $2", [
            `round ${workerNo}.${i}`,
            workerNo,
          ]);
          if (i % 2 === 1) await client.query("ROLLBACK TO SAVEPOINT half");
          await client.query("COMMIT");
        }
      } finally {
        await client.end();
      }
    };
    const sealers = [sealer(), sealer()];
    await Promise.all(Array.from({ length: 8 }, (_, workerNo) => worker(workerNo)));
    writing = false;
    const sealedWhileWriting = (await Promise.all(sealers)).reduce((a, b) => a + b, 0);
    const [counts] = await copy.query<{ businesses: number; valuations: number; logged: number }>(
      `SELECT (SELECT count(*)::int FROM businesses) AS businesses, (SELECT count(*)::int FROM valuations) AS valuations,
              (SELECT count(*)::int FROM audit_logs) AS logged`,
    );
    // Each worker: its listings 6 times, its valuations in the 3 rounds that kept their savepoint.
    expect(counts!.logged - before).toBe(6 * counts!.businesses + 3 * counts!.valuations);
    expect(sealedWhileWriting).toBeGreaterThan(0);
    await expectOneSealedChain();
  });

  it("seals a 20,000-row transaction in batches", async () => {
    const client = new pg.Client({ connectionString: copy.url });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO audit_logs (table_name, row_id, action)
         SELECT 'businesses', 'bulk-' || n, 'UPDATE' FROM generate_series(1, 20000) AS n`,
      );
      // Invisible until committed: nothing to seal yet.
      expect(await sealAuditChain(copy.prisma)).toBe(0);
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
    const progress: number[] = [];
    expect(await sealAuditChain(copy.prisma, { batchRows: 5000, onProgress: (sealed) => progress.push(sealed) })).toBe(
      20_000,
    );
    expect(progress).toEqual([5000, 10_000, 15_000, 20_000]);
    await expectOneSealedChain();
  });
});

describe("sealing", () => {
  it("the owner cannot use the sealer's way through to change a row's content, or re-seal a sealed row", async () => {
    const copy = await createTestDatabase();
    try {
      await copy.query("INSERT INTO audit_logs (table_name, row_id, action) VALUES ('businesses', 'a', 'UPDATE')");
      await sealAuditChain(copy.prisma);
      await copy.query("INSERT INTO audit_logs (table_name, row_id, action) VALUES ('businesses', 'b', 'UPDATE')");
      const attempts = [
        // Sealing the unsealed row while also changing what it says.
        "UPDATE audit_logs SET chain_position = 99, hash = 'x', row_id = 'changed' WHERE row_id = 'b'",
        `UPDATE audit_logs SET chain_position = 99, hash = 'x', changes = '{"price": 1}' WHERE row_id = 'b'`,
        "UPDATE audit_logs SET chain_position = 99, hash = 'x', occurred_at = occurred_at - interval '1 day' WHERE row_id = 'b'",
        // Moving a sealed row.
        "UPDATE audit_logs SET chain_position = 99, hash = 'x' WHERE row_id = 'a'",
        // Deleting an unsealed row.
        "DELETE FROM audit_logs WHERE row_id = 'b'",
      ];
      for (const sql of attempts) {
        await expect(
          inRolledBackTransaction(copy.url, async (client) => {
            await client.query("SELECT set_config('exitmatch.audit_seal', 'on', true)");
            await client.query(sql);
          }),
          sql,
        ).rejects.toThrow(/audit_logs is append-only/);
      }
    } finally {
      await copy.drop();
    }
  });

  it("one sealer at a time: a second returns at once while the first holds the chain", async () => {
    const copy = await createTestDatabase();
    const holder = new pg.Client({ connectionString: copy.url });
    await holder.connect();
    try {
      await copy.query("INSERT INTO audit_logs (table_name, row_id, action) VALUES ('businesses', 'a', 'UPDATE')");
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM audit_chain WHERE id = 1 FOR UPDATE");
      expect(await sealAuditChain(copy.prisma)).toBe(0);
      await holder.query("COMMIT");
      expect(await sealAuditChain(copy.prisma)).toBe(1);
    } finally {
      await holder.end();
      await copy.drop();
    }
  });
});
