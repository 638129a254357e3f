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
/** Any number a JSON body can carry, and some it cannot mean: pence, days, rates. */
const anyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1e12, 1e13, 2 ** 53),
);
const offerTerms = fc.record(
  {
    dealType: fc.oneof(nasty, fc.constantFrom("SHARE_PURCHASE", "ASSET_PURCHASE")),
    pricePence: anyNumber,
    cashFreeDebtFree: fc.oneof(fc.boolean(), nasty),
    payment: fc.record(
      {
        cashAtCompletionPence: anyNumber,
        deferred: fc.array(
          fc.record(
            {
              amountPence: anyNumber,
              dueDate: fc.oneof(nasty, fc.constant("2027-06-30")),
              monthsAfterCompletion: anyNumber,
            },
            { requiredKeys: ["amountPence"] },
          ),
          { maxLength: 3 },
        ),
        earnOut: fc.record({
          maxAmountPence: anyNumber,
          measure: fc.constantFrom("EBITDA", "X"),
          months: anyNumber,
          terms: nasty,
        }),
        vendorLoan: fc.record({ amountPence: anyNumber, interestBasisPoints: anyNumber, termMonths: anyNumber }),
        retention: fc.record({ amountPence: anyNumber, months: anyNumber, releasedWhen: nasty }),
      },
      { requiredKeys: ["cashAtCompletionPence"] },
    ),
    priceMechanism: fc.oneof(
      fc.record({
        kind: fc.constant("LOCKED_BOX"),
        balanceSheetDate: fc.oneof(nasty, fc.constantFrom("2026-03-31", "2099-01-01")),
      }),
      fc.constant({ kind: "COMPLETION_ACCOUNTS" }),
    ),
    funding: fc.array(fc.record({ source: fc.constantFrom("OWN_CASH", "BANK_DEBT", "Z"), amountPence: anyNumber }), {
      maxLength: 3,
    }),
    conditions: fc.array(
      fc.record({ kind: fc.constantFrom("FINANCE", "OTHER", "ASTROLOGY"), text: nasty }, { requiredKeys: ["kind"] }),
      {
        maxLength: 3,
      },
    ),
    tupeApplies: fc.boolean(),
    togcIntended: fc.boolean(),
    exclusivityDays: anyNumber,
    targetCompletionDate: fc.oneof(nasty, fc.constantFrom("2027-03-31", "2026-01-01")),
    openDays: anyNumber,
  },
  { requiredKeys: ["dealType", "pricePence", "payment", "priceMechanism", "funding", "targetCompletionDate"] },
);
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
        reason: nasty,
        fullName: nasty,
        consent: fc.oneof(fc.boolean(), nasty),
        documentSha256: fc.oneof(nasty, fc.stringMatching(/^[0-9a-f]{64}$/)),
        days: fc.oneof(fc.integer(), fc.double(), nasty),
        completedOn: fc.oneof(nasty, fc.constantFrom("2026-11-25", "2026-02-30", "9999-12-31")),
        consideration: fc.oneof(
          jsonValue,
          offerTerms.map((terms) => ({ pricePence: terms.pricePence, payment: terms.payment })),
        ),
        identityMethod: fc.oneof(nasty, fc.constant("ELECTRONIC")),
        identityCheckedAt: fc.oneof(nasty, fc.constant("2026-11-01T00:00:00Z")),
        sourceOfFunds: nasty,
        riskRating: fc.oneof(nasty, fc.constant("LOW")),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  // An offer's terms, well-formed but for a few fields made hostile: reaches the rules behind the schema.
  offerTerms.map((value) => JSON.stringify(value)),
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
      "direction",
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
  // The seeded deals (prisma/seed/seed-deals.ts): an offer on hold, a rejected one, a running deal, a completed one.
  fc.constant(stableId("offer-2")),
  fc.constant(stableId("offer-3")),
  fc.constant(stableId("deal-1")),
  fc.constant(stableId("deal-2")),
  fc.uuid(),
  // Lone surrogates cannot be percent-encoded; a client cannot send them in a URL either.
  nasty.filter((value) => !/[\uD800-\uDFFF]/.test(value)).map((value) => encodeURIComponent(value)),
);

describe("hostile input never causes a 5xx", () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>["app"];
  let sellerToken: string;
  let adminToken: string;
  /** The parties to the seeded deals: business-3's seller and buyer, business-7's buyer. */
  const dealTokens = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    ({ app } = createTestApp(db.appPrisma));
    sellerToken = await loginAs(app, ACTORS.ownerSeller);
    adminToken = await loginAs(app, ACTORS.admin);
    for (const email of [
      "rajesh.patel@patelprecision.co.uk",
      "sarah.whitfield@midlandsindustrial.co.uk",
      "mark.jones@jonesretail.co.uk",
    ]) {
      dealTokens.set(email, await loginAs(app, email));
    }
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
          fc.constantFrom("nobody", "seller", "admin", "deal seller", "deal buyer", "bidder"),
          async (requestBody, queryString, requestHeaders, target, actor) => {
            const sent: Record<string, string> = Object.fromEntries(
              Object.entries(requestHeaders).filter(
                ([, value]) => typeof value === "string" && /^[\t\x20-\x7e]*$/.test(value),
              ),
            );
            const tokenOf: Record<string, string | undefined> = {
              nobody: undefined,
              seller: sellerToken,
              admin: adminToken,
              "deal seller": dealTokens.get("rajesh.patel@patelprecision.co.uk"),
              "deal buyer": dealTokens.get("sarah.whitfield@midlandsindustrial.co.uk"),
              bidder: dealTokens.get("mark.jones@jonesretail.co.uk"),
            };
            const token = tokenOf[actor];
            if (token) sent.authorization = `Bearer ${token}`;
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
