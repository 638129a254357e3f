// Property-based: whatever a client sends (malformed JSON, wrong types, huge or odd strings,
// hostile query strings and headers) to any operation in the OpenAPI document, the API answers
// with a client error or success, never a 5xx; every error is problem+json with a known code and
// none repeats the database's own words.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { createDatabaseClient } from "../../functions/db/prisma-client.ts";
import { ErrorCode } from "../../functions/errors/app-error.ts";
import { createDependencies } from "../../functions/runtime/create-dependencies.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { loginAs } from "../support/api-client.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** Every operation of the API, from its own OpenAPI document, each path parameter filled with `id`. */
const description = (await (
  await createApp(
    createDependencies(
      loadEnvironment({ NODE_ENV: "test", LOG_LEVEL: "silent" }),
      // Only the description is read: this client never connects.
      createDatabaseClient("postgresql://127.0.0.1:9/unused").prisma,
    ),
  ).request("/openapi.json")
).json()) as { paths: Record<string, Record<string, unknown>> };
const ROUTES = Object.entries(description.paths).flatMap(([template, methods]) =>
  Object.keys(methods).map((method) => ({
    method: method.toUpperCase(),
    path: (id: string) => template.replace(/\{[^}]+\}/g, id),
  })),
);

/** Words of PostgreSQL's own error messages, which must never reach a client. */
const DATABASE_WORDS = /SQL|UTF8|byte sequence|violates|constraint|relation "|syntax error|invalid input|column "/i;

/** Strings that have broken parsers before: SQL, unicode, control characters, huge numbers. */
const nasty = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom(
    "' OR 1=1 --",
    "\u0000",
    "%00",
    "\uFFFF\uD800",
    "../../etc/passwd",
    "1e309",
    "-0",
    "9".repeat(40),
    "NaN",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "%",
    "ZZZZ",
  ),
);
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const body = fc.oneof(
  jsonValue.map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        email: fc.oneof(nasty, fc.emailAddress()),
        password: nasty,
        name: nasty,
        role: fc.oneof(nasty, fc.constantFrom("SELLER", "BUYER", "ADMIN")),
        title: nasty,
        description: nasty,
        sicCode: nasty,
        region: nasty,
        askingPricePence: fc.oneof(fc.double(), fc.integer(), nasty),
        premisesTenure: nasty,
        status: fc.oneof(nasty, fc.constantFrom("PUBLISHED", "SOLD", "DRAFT")),
        token: nasty,
        message: nasty,
        financialYearEnd: fc.oneof(nasty, fc.constantFrom("2025-03-31", "2025-02-30", "0000-01-01")),
        revenuePence: fc.oneof(fc.integer(), fc.double(), nasty),
        method: fc.oneof(nasty, fc.constant("SDE_MULTIPLE")),
        inputs: fc.oneof(jsonValue, fc.dictionary(fc.string(), jsonValue)),
        lowPence: fc.oneof(fc.integer(), fc.double()),
        midPence: fc.oneof(fc.integer(), fc.double()),
        highPence: fc.oneof(fc.integer(), fc.double()),
        headline: nasty,
        sicCodes: fc.oneof(fc.array(nasty, { maxLength: 3 }), nasty),
        regions: fc.oneof(fc.array(nasty, { maxLength: 3 }), fc.constant(["LONDON"])),
        firmName: nasty,
        advisorType: fc.oneof(nasty, fc.constant("ACCOUNTANT")),
        amlRegistrationNumber: nasty,
        advisorProfileId: fc.oneof(fc.uuid(), fc.constant(null), nasty),
        userId: fc.oneof(fc.uuid(), nasty),
        accessExpiresAt: fc.oneof(
          nasty,
          fc.date().map((date) => (Number.isNaN(date.getTime()) ? "x" : date.toISOString())),
        ),
        body: nasty,
        answer: nasty,
        documentId: fc.oneof(fc.uuid(), nasty),
        ndaVersion: fc.oneof(nasty, fc.constant("2026-01")),
        refreshToken: nasty,
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  nasty,
);
const query = fc
  .dictionary(
    fc.constantFrom(
      "q",
      "sic",
      "region",
      "status",
      "minPricePence",
      "maxPricePence",
      "minEbitdaPence",
      "sort",
      "limit",
      "cursor",
      "x",
    ),
    nasty,
    { maxKeys: 5 },
  )
  .map((params) => new URLSearchParams(params).toString());
const headers = fc.record(
  {
    "content-type": fc.constantFrom(
      "application/json",
      "text/plain",
      "application/json; charset=utf-8",
      "multipart/form-data",
      "",
    ),
    "if-match": nasty,
    authorization: fc.oneof(
      nasty,
      nasty.map((value) => `Bearer ${value}`),
    ),
    "x-request-id": fc.string({ maxLength: 300 }),
  },
  { requiredKeys: ["content-type"] },
);
const id = fc.oneof(
  fc.constant(BUSINESS.confidentialPublished),
  fc.constant(stableId("inquiry-4")),
  fc.constant(stableId("inquiry-1:room")),
  fc.uuid(),
  // Lone surrogates cannot be percent-encoded; a client cannot send them in a URL either.
  nasty.filter((value) => !/[\uD800-\uDFFF]/.test(value)).map((value) => encodeURIComponent(value)),
);

describe("hostile input never causes a 5xx", () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>["app"];
  let sellerToken: string;
  let adminToken: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    ({ app } = createTestApp(db.appPrisma));
    sellerToken = await loginAs(app, ACTORS.ownerSeller);
    adminToken = await loginAs(app, ACTORS.admin);
  });
  afterAll(() => db.drop());

  for (const route of ROUTES) {
    it(`${route.method} ${route.path(":id")}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          body,
          query,
          headers,
          id,
          fc.constantFrom("nobody", "seller", "admin"),
          async (requestBody, queryString, requestHeaders, target, actor) => {
            const sent: Record<string, string> = Object.fromEntries(
              Object.entries(requestHeaders).filter(
                ([, value]) => typeof value === "string" && /^[\t\x20-\x7e]*$/.test(value),
              ),
            );
            if (actor !== "nobody") sent.authorization = `Bearer ${actor === "admin" ? adminToken : sellerToken}`;
            const url = `${route.path(target)}${queryString ? `?${queryString}` : ""}`;
            const response = await app.request(url, {
              method: route.method,
              headers: sent,
              ...(route.method === "GET" || route.method === "DELETE" ? {} : { body: requestBody }),
            });
            const text = await response.text();
            expect(response.status, `${route.method} ${url} -> ${text}`).toBeLessThan(500);
            if (response.status >= 400) {
              expect(response.headers.get("content-type")).toBe("application/problem+json");
              const problem = JSON.parse(text) as { code: string; status: number; detail?: string };
              expect(ErrorCode.options).toContain(problem.code);
              expect(problem.status).toBe(response.status);
              expect(problem.detail ?? "").not.toMatch(DATABASE_WORDS);
            }
          },
        ),
        { numRuns: 200 },
      );
    });
  }
});
