// The activity log cannot be changed, as promised (issue 11, section 5): append-only for the
// application role, refused to every role by triggers, hash-chained so that a change made by
// someone who gets past them (a superuser) is found by audit:verify; GDPR anonymisation is the
// one change allowed, through one audited function, and keeps the chain verifiable.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealActivityChain } from "../../functions/audit/seal-audit-chain.ts";
import { verifyChain } from "../../functions/audit/verify-audit-chain.ts";
import { erasePerson } from "../../functions/gdpr/erase-person.ts";
import { auditSealingHealth } from "../../functions/ops/audit-sealing-health.ts";
import { LocalDiskStorage } from "../../functions/storage/local-disk-storage.ts";
import { call, loginAs } from "../support/api-client.ts";
import { runCommand } from "../support/run-command.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { createTestApp } from "../support/test-app.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("the activity log", () => {
  let db: TestDatabase;

  /** A seeded database with real activity through the API: logins, listing views, a search. */
  async function databaseWithActivity() {
    const fresh = await createTestDatabase();
    await seedTestData(fresh.prisma);
    const { app } = createTestApp(fresh.appPrisma);
    for (const email of [ACTORS.buyerWithNda, ACTORS.buyerWithoutNda, ACTORS.otherSeller]) {
      const token = await loginAs(app, email);
      await call(app, "GET", `/businesses/${BUSINESS.openPublished}`, { token, address: "198.51.100.20" });
      await call(app, "GET", "/businesses?q=bakery", { token });
    }
    await call(app, "POST", "/auth/login", { body: { email: ACTORS.admin, password: "wrong-password" } });
    // As the sealer of `npm start` does every second.
    await sealActivityChain(fresh.appPrisma);
    return fresh;
  }

  beforeAll(async () => {
    db = await databaseWithActivity();
  });
  afterAll(() => db.drop());

  /** Runs statements as one session on `url`, in order, and returns the last one's rows. */
  async function asSession(url: string, ...statements: string[]) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      let rows: Record<string, unknown>[] = [];
      for (const sql of statements) rows = (await client.query(sql)).rows;
      return rows;
    } finally {
      await client.end();
    }
  }

  it("chains every row, and the chain verifies", async () => {
    const report = await verifyChain(db.url, "activity");
    expect(report).toMatchObject({ ok: true });
    expect(report.checked).toBe(await db.prisma.activityLog.count());
    expect(report.checked).toBeGreaterThan(6);
  });

  it("refuses UPDATE, DELETE and TRUNCATE to the application role", async () => {
    for (const sql of [
      "UPDATE activity_logs SET ip_address = '203.0.113.99'",
      "DELETE FROM activity_logs WHERE action = 'listing.viewed'",
      "TRUNCATE activity_logs",
      "UPDATE activity_chain SET last_hash = ''",
    ]) {
      await expect(asSession(db.appUrl, sql), sql).rejects.toThrow(/permission denied/);
    }
    // It can still append; the row waits for the sealer, then is checked with the rest.
    const before = (await verifyChain(db.url, "activity")).checked;
    await asSession(db.appUrl, "INSERT INTO activity_logs (action) VALUES ('test.appended')");
    expect(await verifyChain(db.url, "activity")).toMatchObject({ ok: true, checked: before, unsealed: { rows: 1 } });
    expect(await sealActivityChain(db.appPrisma)).toBe(1);
    expect(await verifyChain(db.url, "activity")).toMatchObject({
      ok: true,
      checked: before + 1,
      unsealed: { rows: 0 },
    });
  });

  it("writers do not wait on each other: a row is chained when its transaction has committed", async () => {
    const open = new pg.Client({ connectionString: db.appUrl });
    const other = new pg.Client({ connectionString: db.appUrl });
    await Promise.all([open.connect(), other.connect()]);
    try {
      await sealActivityChain(db.appPrisma); // nothing else waiting: the counts below are this test's
      await open.query("BEGIN");
      await open.query("INSERT INTO activity_logs (action) VALUES ('test.long_transaction')");
      // Under the old chain lock this insert waited for the open transaction to end.
      await other.query("SET lock_timeout = '2s'");
      await other.query("INSERT INTO activity_logs (action) VALUES ('test.committed_first')");
      expect(await sealActivityChain(db.appPrisma)).toBe(1);
      await open.query("COMMIT");
      expect(await sealActivityChain(db.appPrisma)).toBe(1);
      const order = await db.query<{ action: string }>(
        "SELECT action FROM activity_logs WHERE action LIKE 'test.%' ORDER BY chain_position DESC LIMIT 2",
      );
      // Chained in commit order, not id order.
      expect(order.map((row) => row.action)).toEqual(["test.long_transaction", "test.committed_first"]);
      expect((await verifyChain(db.url, "activity")).ok).toBe(true);
    } finally {
      await Promise.all([open.end(), other.end()]);
    }
  });

  it("ops health reports activity rows waiting for the sealer, and calls a late one a problem", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await sealActivityChain(db.appPrisma);
      expect((await auditSealingHealth(client)).auditSealing.activity).toEqual({
        unsealedRows: 0,
        oldestUnsealedSeconds: 0,
      });
      await client.query(
        "INSERT INTO activity_logs (action, occurred_at) VALUES ('test.waiting', now() - interval '30 seconds')",
      );
      const { auditSealing, problems } = await auditSealingHealth(client);
      expect(auditSealing.activity.unsealedRows).toBe(1);
      expect(auditSealing.activity.oldestUnsealedSeconds).toBeGreaterThanOrEqual(30);
      expect(problems).toContainEqual(expect.stringMatching(/^activity sealing: 1 activity rows wait to be chained/));
      expect(await sealActivityChain(db.appPrisma)).toBe(1);
      const after = await auditSealingHealth(client);
      expect(after.problems.filter((problem) => problem.startsWith("activity"))).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it("the sealer's way through changes nothing but an unsealed row's place in the chain", async () => {
    await asSession(db.url, "INSERT INTO activity_logs (action) VALUES ('test.sealed')");
    await sealActivityChain(db.appPrisma);
    await asSession(db.url, "INSERT INTO activity_logs (action) VALUES ('test.unsealed')");
    for (const sql of [
      // Sealing the unsealed row while also changing what it says.
      "UPDATE activity_logs SET chain_position = 999999, hash = 'x', user_agent = 'edited' WHERE action = 'test.unsealed'",
      // Moving a sealed row.
      "UPDATE activity_logs SET chain_position = 999999, hash = 'x' WHERE action = 'test.sealed'",
    ]) {
      await expect(
        asSession(db.url, "BEGIN", "SELECT set_config('exitmatch.activity_seal', 'on', true)", sql),
        sql,
      ).rejects.toThrow(/append-only/);
    }
    expect(await sealActivityChain(db.appPrisma)).toBe(1);
    expect((await verifyChain(db.url, "activity")).ok).toBe(true);
  });

  it("refuses them to the table's owner too", async () => {
    await expect(asSession(db.url, "UPDATE activity_logs SET user_agent = 'edited'")).rejects.toThrow(/append-only/);
    await expect(asSession(db.url, "DELETE FROM activity_logs")).rejects.toThrow(/append-only/);
  });

  describe("a superuser who switches the triggers off is still caught by audit:verify", () => {
    const tamper = (sql: string) => asSession(db.url, "SET session_replication_role = replica", sql);
    // A fresh, intact database for the next case.
    const restore = async () => {
      await db.drop();
      db = await databaseWithActivity();
    };
    const middleRow = async () =>
      (await db.query<{ id: string }>("SELECT id::text FROM activity_logs ORDER BY id OFFSET 2 LIMIT 1"))[0]!.id;

    it.each([
      [
        "an address changed",
        (id: string) => `UPDATE activity_logs SET ip_address = '10.0.0.1' WHERE id = ${id}`,
        /personal fields/,
      ],
      [
        "an action changed",
        (id: string) => `UPDATE activity_logs SET action = 'listing.searched' WHERE id = ${id}`,
        /content no longer matches/,
      ],
      ["a row removed", (id: string) => `DELETE FROM activity_logs WHERE id = ${id}`, /does not link/],
      [
        "a row inserted with a forged place in the chain",
        (id: string) =>
          `INSERT INTO activity_logs (id, chain_position, action, occurred_at, prev_hash, hash, personal_digest)
           SELECT ${id}::bigint * 1000, chain_position * 1000, 'auth.login', now(), hash, hash, ''
           FROM activity_logs WHERE id = ${id}`,
        /does not link|content no longer matches|rows at its end/,
      ],
    ] as const)("%s", async (_name, sql, problem) => {
      const id = await middleRow();
      await tamper(sql(id));
      const report = await verifyChain(db.url, "activity");
      expect(report.ok).toBe(false);
      expect(report.firstBrokenLink?.problem).toMatch(problem);
      await restore();
    });

    it("the newest rows removed", async () => {
      await tamper(
        "DELETE FROM activity_logs WHERE id IN (SELECT id FROM activity_logs ORDER BY chain_position DESC LIMIT 2)",
      );
      expect((await verifyChain(db.url, "activity")).firstBrokenLink?.problem).toMatch(/rows at its end were removed/);
      const cli = await runCommand("functions/cli/audit-verify.ts", [], { DATABASE_URL: db.url, DIRECT_URL: db.url });
      expect(cli.code).toBe(1);
      expect(cli.output).toMatch(/Audit chain intact: \d+ rows checked\./);
      expect(cli.output).toMatch(/Activity chain BROKEN at row \d+: the chain should end at position/);
      await restore();
    });
  });

  it("anonymises a person's rows under GDPR through one audited function; the chain still verifies", async () => {
    const buyer = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithoutNda } });
    const theirs = await db.prisma.activityLog.count({ where: { userId: buyer.id } });
    expect(theirs).toBeGreaterThan(0);
    const storage = new LocalDiskStorage(".data/test-storage/activity-chain");
    const report = await erasePerson(db.appPrisma, storage, buyer.id, { now: TEST_NOW, requestId: "erasure-test" });
    expect(report.anonymised).toContainEqual({ table: "activity_logs", rows: theirs });
    const rows = await db.prisma.activityLog.findMany({ where: { userId: buyer.id } });
    expect(rows.every((row) => row.anonymizedAt && !row.ipAddress && !row.userAgent && !row.personalSalt)).toBe(true);
    expect((await verifyChain(db.url, "activity")).ok).toBe(true);
    const audit = await db.prisma.auditLog.findFirst({ where: { tableName: "activity_logs", rowId: buyer.id } });
    expect(audit).toMatchObject({ action: "UPDATE", requestId: "erasure-test", changes: { anonymised_rows: theirs } });
  });

  it("lets an erased person's account be deleted: the foreign key sets user_id to NULL, the chain verifies", async () => {
    const person = await db.prisma.user.create({
      data: { email: "short.lived@example.co.uk", name: "Short Lived", role: "BUYER" },
    });
    await asSession(
      db.appUrl,
      `INSERT INTO activity_logs (user_id, action, ip_address) VALUES ('${person.id}', 'auth.login', '203.0.113.5')`,
    );
    // Not yet erased: deleting the account would change their rows outside the function.
    await expect(db.prisma.user.delete({ where: { id: person.id } })).rejects.toThrow();
    expect((await verifyChain(db.url, "activity")).ok).toBe(true);
    await erasePerson(db.appPrisma, new LocalDiskStorage(".data/test-storage/activity-chain"), person.id, {
      now: TEST_NOW,
    });
    await db.prisma.user.delete({ where: { id: person.id } });
    expect(
      await db.prisma.activityLog.count({ where: { action: "auth.login", userId: null, anonymizedAt: { not: null } } }),
    ).toBe(1);
    expect((await verifyChain(db.url, "activity")).ok).toBe(true);
  });
});
