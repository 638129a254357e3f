// A signed-in listing view or search records an activity row. The activity log is neither audited
// nor guarded by row-level security, so its lone inserts skip the session's short transaction
// (BEGIN, set_config, COMMIT): one round trip instead of four. Every other write keeps it.
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDITED_TABLES } from "../../functions/audit/audited-tables.ts";
import {
  ROW_LEVEL_SECURITY_TABLES,
  runWithDatabaseSession,
  SESSIONLESS_INSERT_TABLES,
  withDatabaseSession,
} from "../../functions/db/database-session.ts";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** A driver adapter factory that notes every transaction it starts and every statement it runs. */
function recordingAdapter(factory: SqlDriverAdapterFactory) {
  const statements: string[] = [];
  const record = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property === "startTransaction") {
          return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) => {
            statements.push("BEGIN");
            return target.startTransaction(...args);
          };
        }
        if (property === "queryRaw" || property === "executeRaw") {
          return async (query: { sql: string }) => {
            statements.push(query.sql);
            return value.call(target, query);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return {
    statements,
    factory: { ...factory, connect: async () => record(await factory.connect()) } as SqlDriverAdapterFactory,
  };
}

describe("inserts that need no session", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let recorded: string[];
  let pool: pg.Pool;
  let buyerId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    buyerId = (await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithNda } })).id;
    pool = new pg.Pool({ connectionString: db.appUrl, max: 2 });
    const recording = recordingAdapter(new PrismaPg(pool) as unknown as SqlDriverAdapterFactory);
    recorded = recording.statements;
    prisma = new PrismaClient({ adapter: withDatabaseSession(recording.factory) });
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
    await db.drop();
  });

  const asBuyer = <T>(work: () => Promise<T>) =>
    runWithDatabaseSession({ userId: buyerId, userRole: "BUYER", requestId: "request-1" }, work);

  it("records an activity row in one statement, with no transaction around it", async () => {
    recorded.length = 0;
    await asBuyer(() => prisma.activityLog.create({ data: { userId: buyerId, action: "listing.viewed" } }));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatch(/^INSERT INTO "public"\."activity_logs"/);
    const [row] = await db.query<{ user_id: string }>(
      "SELECT user_id::text FROM activity_logs WHERE action = 'listing.viewed' ORDER BY id DESC LIMIT 1",
    );
    expect(row?.user_id).toBe(buyerId);
  });

  it("still wraps every other write in the session, so the audit trail names who made it", async () => {
    recorded.length = 0;
    await asBuyer(() => prisma.user.update({ where: { id: buyerId }, data: { name: "Renamed Buyer" } }));
    // The short transaction the session's settings go in (they are set on it, not recorded here).
    expect(recorded[0]).toBe("BEGIN");
    const [audit] = await db.query<{ actor_user_id: string; request_id: string }>(
      "SELECT actor_user_id::text, request_id FROM audit_logs WHERE table_name = 'users' AND row_id = $1 ORDER BY id DESC LIMIT 1",
      [buyerId],
    );
    expect(audit).toEqual({ actor_user_id: buyerId, request_id: "request-1" });
  });

  it("lists only tables with no audit trigger and no row-level security", async () => {
    for (const table of SESSIONLESS_INSERT_TABLES) {
      expect(AUDITED_TABLES as readonly string[]).not.toContain(table);
      expect(ROW_LEVEL_SECURITY_TABLES as readonly string[]).not.toContain(table);
      const [state] = await db.query<{ rls: boolean; triggers: string[] }>(
        `SELECT c.relrowsecurity AS rls,
                coalesce((SELECT array_agg(t.tgname::text) FROM pg_trigger t
                          WHERE t.tgrelid = c.oid AND NOT t.tgisinternal AND t.tgname LIKE 'audit%'), '{}') AS triggers
         FROM pg_class c WHERE c.oid = $1::regclass`,
        [table],
      );
      expect(state).toEqual({ rls: false, triggers: [] });
    }
  });
});
