import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseClient } from "../../functions/db/prisma-client.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("GET /health", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("reports the database up and the newest applied migration", async () => {
    const [newest] = await db.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1",
    );
    const response = await createTestApp(db.appPrisma).app.request("/health");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as { database: { latencyMs: number } };
    expect(body).toMatchObject({ status: "ok", database: { status: "up", migration: newest!.migration_name } });
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("answers 503 without internals when the database is unreachable", async () => {
    const { prisma } = createDatabaseClient("postgresql://postgres:secret@127.0.0.1:9/exitmatch");
    try {
      const response = await createTestApp(prisma).app.request("/health");
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ status: "error", database: { status: "down" } });
      expect(text).not.toMatch(/127\.0\.0\.1|secret|ECONNREFUSED/);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("asks the pool itself where the driver has one (npm start, Lambda): same report, and down when the pool is", async () => {
    const viaPrisma = (await (await createTestApp(db.appPrisma).app.request("/health")).json()) as object;
    const live = createDatabaseClient(db.appUrl);
    const unreachable = createDatabaseClient("postgresql://postgres:secret@127.0.0.1:9/exitmatch");
    try {
      expect(live.probe).toBeTypeOf("function");
      const response = await createTestApp(db.appPrisma, { databaseProbe: live.probe! }).app.request("/health");
      expect(response.status).toBe(200);
      const body = (await response.json()) as { database: { latencyMs: number } };
      expect({ ...body, database: { ...body.database, latencyMs: 0 } }).toEqual({
        ...viaPrisma,
        database: { ...(viaPrisma as typeof body).database, latencyMs: 0 },
      });
      // Prisma reaches the database, the probe's pool does not: the probe is what answers.
      const down = await createTestApp(db.appPrisma, { databaseProbe: unreachable.probe! }).app.request("/health");
      expect(down.status).toBe(503);
      const text = await down.text();
      expect(JSON.parse(text)).toEqual({ status: "error", database: { status: "down" } });
      expect(text).not.toMatch(/127\.0\.0\.1|secret|ECONNREFUSED/);
    } finally {
      await live.prisma.$disconnect();
      await unreachable.prisma.$disconnect();
    }
  });

  it("answers unknown routes with RFC 9457 problem details", async () => {
    const response = await createTestApp(db.appPrisma).app.request("/no/such/route");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({
      status: 404,
      code: "not_found",
      detail: "No route for GET /no/such/route.",
    });
  });

  it("publishes the route in the OpenAPI document", async () => {
    const response = await createTestApp(db.appPrisma).app.request("/openapi.json");
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/health");
  });
});
