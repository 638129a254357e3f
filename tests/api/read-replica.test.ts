import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { withCredentials } from "../../functions/db/database-roles.ts";
import { MemoryMailer } from "../../functions/mail/mailer.ts";
import { createDependencies } from "../../functions/runtime/create-dependencies.ts";
import { call, loginAs } from "../support/api-client.ts";
import { TEST_LOGINS } from "../support/database-names.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// The "replica" is a second database holding different data, reached as the read-only role,
// so every answer shows which database served it.
describe("DATABASE_REPLICA_URL: search and analytics reads go to the replica", () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    primary = await createTestDatabase();
    replica = await createTestDatabase();
    await seedTestData(primary.prisma);
    const environment = loadEnvironment({
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATABASE_REPLICA_URL: withCredentials(replica.url, TEST_LOGINS.readonly.name, TEST_LOGINS.readonly.password),
    });
    app = createApp(createDependencies(environment, primary.appPrisma, { mailer: new MemoryMailer() }));
  });
  afterAll(async () => {
    await primary.drop();
    await replica.drop();
  });

  it("serves listing search from the replica, while logins and listing pages use the primary", async () => {
    const search = (await (await call(app, "GET", "/businesses")).json()) as { items: { id: string }[] };
    expect(search.items).toEqual([]);
    expect(await primary.prisma.business.count({ where: { status: "PUBLISHED" } })).toBeGreaterThan(0);
    const token = await loginAs(app, ACTORS.admin);
    const listing = await primary.prisma.business.findFirstOrThrow({ where: { status: "PUBLISHED" } });
    expect((await call(app, "GET", `/businesses/${listing.id}`, { token })).status).toBe(200);
  });

  it("serves admin log reads from the replica", async () => {
    const token = await loginAs(app, ACTORS.admin);
    const audit = (await (await call(app, "GET", "/admin/audit", { token })).json()) as { items: unknown[] };
    expect(audit.items).toEqual([]);
    expect(await primary.prisma.auditLog.count()).toBeGreaterThan(0);
  });

  it("without a replica, the same reads use the primary", async () => {
    const environment = loadEnvironment({ NODE_ENV: "test", LOG_LEVEL: "silent" });
    const plain = createApp(createDependencies(environment, primary.appPrisma, { mailer: new MemoryMailer() }));
    const search = (await (await call(plain, "GET", "/businesses")).json()) as { items: unknown[] };
    expect(search.items.length).toBeGreaterThan(0);
  });
});
