import type { LambdaContext, LambdaEvent } from "hono/aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLambdaHandler } from "../../functions/api/lambda.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { MemoryMailer } from "../../functions/mail/mailer.ts";
import { createDependencies } from "../../functions/runtime/create-dependencies.ts";
import { call } from "../support/api-client.ts";
import { seedTestData } from "../support/seed.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** A real API Gateway HTTP API (payload format 2.0) event, as Lambda receives it. */
function apiGatewayEvent(method: string, path: string, options: { query?: string; body?: unknown } = {}): LambdaEvent {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: options.query ?? "",
    headers: {
      host: "api.exitmatch.co.uk",
      "user-agent": "vitest",
      ...(body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {}),
    },
    requestContext: {
      accountId: "123456789012",
      apiId: "exitmatch",
      domainName: "api.exitmatch.co.uk",
      domainPrefix: "api",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "vitest" },
      requestId: "lambda-request-1",
      routeKey: "$default",
      stage: "$default",
      time: "25/Nov/2026:10:00:00 +0000",
      timeEpoch: 1_795_600_000_000,
      authentication: null,
      authorizer: {},
    },
    body: body ?? null,
    isBase64Encoded: false,
  } as LambdaEvent;
}

/** Drops what legitimately differs between two calls: the request ids. */
function comparable(text: string) {
  const value = JSON.parse(text) as Record<string, unknown>;
  delete value.requestId;
  return value;
}

describe("AWS Lambda handler", () => {
  let db: TestDatabase;
  let lambda: ReturnType<typeof createLambdaHandler>;
  let node: ReturnType<typeof createTestApp>["app"];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    lambda = createLambdaHandler(
      createDependencies(loadEnvironment({ NODE_ENV: "test", LOG_LEVEL: "silent" }), db.prisma, {
        mailer: new MemoryMailer(),
      }),
    );
    ({ app: node } = createTestApp(db.appPrisma));
  });
  afterAll(() => db.drop());

  it.each([
    ["GET", "/businesses", "sic=62,55&sort=price_desc", undefined],
    ["GET", "/businesses", "limit=500", undefined],
    ["POST", "/auth/login", "", { email: "admin@exitmatch.co.uk", password: "not-the-password" }],
    ["GET", "/no/such/route", "", undefined],
  ] as const)("answers %s %s?%s exactly as the Node server does", async (method, path, query, body) => {
    const result = (await lambda(apiGatewayEvent(method, path, { query, body }), {} as LambdaContext)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    const viaNode = await call(node, method, `${path}${query ? `?${query}` : ""}`, body === undefined ? {} : { body });
    expect(result.statusCode).toBe(viaNode.status);
    expect(result.headers["content-type"]).toBe(viaNode.headers.get("content-type"));
    expect(comparable(result.body)).toEqual(comparable(await viaNode.text()));
    expect(result.headers["x-request-id"]).toMatch(/.+/);
  });

  it("sees the caller's address from API Gateway (used by the login throttle)", async () => {
    await lambda(
      apiGatewayEvent("POST", "/auth/login", { body: { email: "nobody@example.co.uk", password: "wrong-password" } }),
      {} as LambdaContext,
    );
    const failure = await db.prisma.activityLog.findFirstOrThrow({ where: { entityId: "nobody@example.co.uk" } });
    expect(failure.ipAddress).toBe("203.0.113.7");
  });
});
