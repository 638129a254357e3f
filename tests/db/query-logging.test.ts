import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { instrumentQueries, redactQueryArgs } from "../../functions/db/query-instrumentation.ts";
import { MemoryMailer } from "../../functions/mail/mailer.ts";
import { createDependencies } from "../../functions/runtime/create-dependencies.ts";
import { capturingLogger } from "../support/capturing-logger.ts";
import { seedTestData } from "../support/seed.ts";
import { BUSINESS } from "../support/seed-actors.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** A pino logger whose lines land in an array. */
describe("query logging (the guide's Debug Mode)", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
  });
  afterAll(() => db.drop());

  it("logs a query above the threshold, with its model, operation and duration, and not one below", async () => {
    const { logger, lines } = capturingLogger();
    const prisma = instrumentQueries(db.prisma, { logger, slowQueryMs: 100, logEveryQuery: false });
    await prisma.$queryRaw`SELECT pg_sleep(0.15)::text`;
    await prisma.user.findFirst({ where: { role: "ADMIN" } });
    const slow = lines.filter((line) => line.event === "slow_query");
    expect(slow).toHaveLength(1);
    expect(slow[0]).toMatchObject({
      level: 40,
      model: null,
      operation: "$queryRaw",
      args: { sql: "SELECT pg_sleep(0.15)::text" },
    });
    expect(slow[0]!.durationMs as number).toBeGreaterThanOrEqual(150);
  });

  it("never logs parameter values", async () => {
    const { logger, lines } = capturingLogger();
    const prisma = instrumentQueries(db.prisma, { logger, slowQueryMs: 0, logEveryQuery: false });
    await prisma.user.findFirst({ where: { email: "secret.person@example.co.uk", createdAt: { gte: new Date() } } });
    await prisma.$queryRaw`SELECT ${"another-secret"}::text AS x`;
    const text = JSON.stringify(lines);
    expect(text).not.toContain("secret.person");
    expect(text).not.toContain("another-secret");
    expect(lines[0]).toMatchObject({
      model: "User",
      operation: "findFirst",
      args: { where: { email: "[string]", createdAt: { gte: "[date]" } } },
    });
    expect(lines[1]).toMatchObject({ args: { sql: "SELECT $?::text AS x", values: ["[value]"] } });
  });

  it("logs every query when switched on", async () => {
    const { logger, lines } = capturingLogger();
    const prisma = instrumentQueries(db.prisma, { logger, slowQueryMs: 10_000, logEveryQuery: true });
    await prisma.user.count();
    await prisma.business.findMany({ take: 1 });
    expect(lines.map((line) => `${line.event} ${line.model}.${line.operation}`)).toEqual([
      "query User.count",
      "query Business.findMany",
    ]);
  });

  it("reports each API request's query count and time in its log line", async () => {
    const { logger, lines } = capturingLogger();
    const environment = loadEnvironment({ NODE_ENV: "test", SLOW_QUERY_MS: "100000" });
    const app = createApp(createDependencies(environment, db.prisma, { mailer: new MemoryMailer(), logger }));
    await app.request(`/businesses/${BUSINESS.openPublished}`); // one statement: the listing and its seller's figures
    await app.request("/businesses?q=bakery&limit=1"); // relevance: the title tier, then the description's
    const view = lines.find((line) => line.path === `/businesses/${BUSINESS.openPublished}`)!;
    expect(view).toMatchObject({ method: "GET", status: 200, queries: 1 });
    expect(view.queryMs as number).toBeGreaterThan(0);
    const search = lines.find((line) => line.path === "/businesses")!;
    expect(search).toMatchObject({ status: 200, queries: 2 });
  });

  it("redacts nested values, arrays and dates", () => {
    expect(redactQueryArgs({ where: { id: { in: ["a", "b"] }, n: 5, ok: true, at: new Date() }, take: 10 })).toEqual({
      where: { id: { in: ["[string]", "[string]"] }, n: "[number]", ok: "[boolean]", at: "[date]" },
      take: "[number]",
    });
  });
});
