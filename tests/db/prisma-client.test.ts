import { neonConfig } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../functions/db/database-url.ts";
import { createDatabaseClient } from "../../functions/db/prisma-client.ts";
import { ConfigError } from "../../functions/errors/config-error.ts";
import { startAccelerateEndpoint } from "../support/accelerate-endpoint.ts";
import { startNeonWebSocketProxy } from "../support/neon-websocket-proxy.ts";
import { findPgbouncer, type RunningPgbouncer, startPgbouncer } from "../support/pgbouncer.ts";
import { seedTestData } from "../support/seed.ts";
import { createTestDatabase, serverUrl, type TestDatabase } from "../support/test-database.ts";

describe("createDatabaseClient", () => {
  it("connects postgresql:// URLs through adapter-pg and runs real queries", async () => {
    const db = await createTestDatabase();
    try {
      const { prisma, driver } = createDatabaseClient(db.url);
      expect(driver).toBe("pg");
      expect(await prisma.user.count()).toBe(0);
      await prisma.$disconnect();
    } finally {
      await db.drop();
    }
  });

  it("words a failed query without locating its caller, so no query pays for capturing a call site", async () => {
    const db = await createTestDatabase();
    const { prisma } = createDatabaseClient(db.url);
    try {
      // Prisma's default format names the calling file and line ("invocation in <file>:<line>")
      // and quotes its source, which costs every query a stack capture (prisma-client.ts).
      const failure = await prisma.user.create({ data: { email: "someone@example.com" } as never }).catch((e) => e);
      expect(failure).toBeInstanceOf(Error);
      expect(failure.message).toContain("Invalid `prisma.user.create()` invocation");
      expect(failure.message).toContain("Argument `name` is missing.");
      expect(failure.message).not.toContain("invocation in");
      expect(failure.message).not.toContain(import.meta.filename);
    } finally {
      await prisma.$disconnect();
      await db.drop();
    }
  });

  it("runs real queries through the Neon serverless driver for Neon hosts", async () => {
    const db = await createTestDatabase();
    const server = new URL(serverUrl());
    const proxy = await startNeonWebSocketProxy({ host: server.hostname, port: Number(server.port) });
    // Neon's driver reaches a database through a WebSocket endpoint; point it at ours.
    const saved = { wsProxy: neonConfig.wsProxy, useSecureWebSocket: neonConfig.useSecureWebSocket };
    neonConfig.wsProxy = () => `127.0.0.1:${proxy.port}/`;
    neonConfig.useSecureWebSocket = false;
    const neonUrl = new URL(db.url);
    neonUrl.hostname = "ep-quiet-sun-123456-pooler.eu-west-2.aws.neon.tech";
    neonUrl.searchParams.set("sslmode", "require");
    const { prisma, driver } = createDatabaseClient(neonUrl.toString());
    try {
      expect(driver).toBe("neon");
      await seedTestData(db.prisma);
      expect(await prisma.user.count({ where: { role: "BUYER" } })).toBe(8);
    } finally {
      await prisma.$disconnect();
      Object.assign(neonConfig, saved);
      await proxy.stop();
      await db.drop();
    }
  });

  it("talks Prisma Accelerate's protocol, with the API key, for prisma+postgres:// URLs", async () => {
    const endpoint = await startAccelerateEndpoint({ _count: { _all: 42 } });
    const { prisma, driver } = createDatabaseClient(endpoint.url("test-api-key"));
    try {
      expect(driver).toBe("accelerate");
      expect(await prisma.user.count()).toBe(42);
      expect(endpoint.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
        "GET /connection-info",
        "POST /query",
      ]);
      expect(endpoint.requests.every((request) => request.authorization === "Bearer test-api-key")).toBe(true);
      expect(JSON.parse(endpoint.requests[1]!.body)).toMatchObject({ model: "User", operation: "aggregate" });
    } finally {
      await prisma.$disconnect();
      await endpoint.stop();
    }
  });

  it("classifies prisma:// URLs as Accelerate", () => {
    // Constructing an Accelerate client connects at once (a Prisma behaviour), so this one is
    // only classified: no test here may reach the internet.
    expect(parseDatabaseUrl("DATABASE_URL", "prisma://accelerate.prisma-data.net/?api_key=k").driver).toBe(
      "accelerate",
    );
  });

  it("throws a ConfigError naming the variable for a missing or malformed URL", () => {
    expect(() => createDatabaseClient(undefined)).toThrow(new ConfigError("DATABASE_URL is not set."));
    expect(() => createDatabaseClient("redis://localhost", { variable: "DATABASE_REPLICA_URL" })).toThrow(
      /^DATABASE_REPLICA_URL must start with postgresql:\/\//,
    );
  });
});

// The pooled path: through a real pgbouncer in transaction mode (Debian's `pgbouncer`; .ci/run
// installs it). Without the binary, the suite fails in CI and is skipped, visibly, elsewhere.
const pgbouncer = findPgbouncer();
describe.skipIf(!pgbouncer && !process.env.CI)("through pgbouncer in transaction pooling mode", () => {
  let db: TestDatabase;
  let bouncer: RunningPgbouncer;
  let pooled: ReturnType<typeof createDatabaseClient>;

  beforeAll(async () => {
    if (!pgbouncer) throw new Error("pgbouncer is not installed (apt-get install pgbouncer)");
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    bouncer = await startPgbouncer(pgbouncer, serverUrl(), 2);
    pooled = createDatabaseClient(bouncer.urlFor(db.name), { maxConnections: 20 });
  });
  afterAll(async () => {
    await pooled?.prisma.$disconnect();
    await bouncer?.stop();
    await db?.drop();
  });

  it("honours ?pgbouncer=true and serves many concurrent parameterised queries over 2 server connections", async () => {
    const emails = (await db.prisma.user.findMany({ select: { email: true } })).map((user) => user.email);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        pooled.prisma.user.findFirst({ where: { email: emails[index % emails.length]! }, select: { email: true } }),
      ),
    );
    expect(results.map((user) => user?.email)).toEqual(
      Array.from({ length: 60 }, (_, index) => emails[index % emails.length]),
    );
  });

  it("runs interactive transactions atomically", async () => {
    const business = await pooled.prisma.business.findFirstOrThrow();
    await expect(
      pooled.prisma.$transaction(async (tx) => {
        await tx.business.update({ where: { id: business.id }, data: { viewCount: { increment: 1000 } } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await pooled.prisma.business.findUniqueOrThrow({ where: { id: business.id } })).viewCount).toBe(
      business.viewCount,
    );
  });

  it("keeps transaction-local settings inside their transaction, so they never leak to another client", async () => {
    const inside = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        pooled.prisma.$transaction(async (tx) => {
          await tx.$executeRaw`SELECT set_config('app.actor_id', ${`user-${index}`}, true)`;
          const [row] = await tx.$queryRaw<{ actor: string }[]>`SELECT current_setting('app.actor_id', true) AS actor`;
          return row!.actor;
        }),
      ),
    );
    expect(inside).toEqual(Array.from({ length: 10 }, (_, index) => `user-${index}`));
    const outside = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          pooled.prisma.$queryRaw<{ actor: string | null }[]>`SELECT current_setting('app.actor_id', true) AS actor`,
      ),
    );
    expect(outside.map((rows) => rows[0]!.actor ?? "")).toEqual(Array(10).fill(""));
  });
});
