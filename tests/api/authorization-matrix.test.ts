// Every route, called as every kind of actor, with the exact outcome each must get. A cell is
// "ok" (allowed: 2xx, or a 4xx that comes only after the permission check, like a stale
// If-Match), or the status the actor must be refused with. Denials are checked as carefully
// as successes: a new route or a changed rule must update this table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, loginAs } from "../support/api-client.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS, type Actor, BUSINESS } from "../support/seed-actors.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

type Outcome = "ok" | 401 | 403 | 404;

interface Fixtures {
  /** A listing owned by the owner seller, made for this cell (a draft when the case says so). */
  listing: string;
  /** A pending inquiry by buyerWithoutNda on that listing. */
  inquiry: string;
}

interface RouteCase {
  name: string;
  request: (fresh: Fixtures) => { method: string; path: string; body?: unknown; headers?: Record<string, string> };
  expected: Record<Actor, Outcome>;
}

const everyone = (outcome: Outcome): Record<Actor, Outcome> => ({
  anonymous: outcome,
  admin: outcome,
  ownerSeller: outcome,
  otherSeller: outcome,
  buyerWithNda: outcome,
  buyerWithoutNda: outcome,
  advisorOnDeal: outcome,
  advisorOffDeal: outcome,
});

const newListing = {
  title: "Matrix test listing",
  description: "A listing created by the authorization matrix test.",
  sicCode: "62020",
  region: "LONDON",
  askingPricePence: 10_000_000,
  premisesTenure: "LEASEHOLD",
};

const CASES: RouteCase[] = [
  { name: "GET /health", request: () => ({ method: "GET", path: "/health" }), expected: everyone("ok") },
  { name: "GET /businesses", request: () => ({ method: "GET", path: "/businesses" }), expected: everyone("ok") },
  {
    name: "GET /me",
    request: () => ({ method: "GET", path: "/me" }),
    expected: { ...everyone("ok"), anonymous: 401 },
  },
  {
    name: "GET /businesses/{id} (published)",
    request: () => ({ method: "GET", path: `/businesses/${BUSINESS.confidentialPublished}` }),
    expected: everyone("ok"),
  },
  {
    name: "GET /businesses/{id} (draft)",
    request: ({ listing }) => ({ method: "GET", path: `/businesses/${listing}` }),
    expected: { ...everyone(404), admin: "ok", ownerSeller: "ok" },
  },
  {
    name: "POST /businesses",
    request: () => ({ method: "POST", path: "/businesses", body: newListing }),
    expected: { ...everyone(403), anonymous: 401, ownerSeller: "ok", otherSeller: "ok" },
  },
  {
    name: "PATCH /businesses/{id} (published)",
    request: () => ({
      method: "PATCH",
      path: `/businesses/${BUSINESS.confidentialPublished}`,
      body: { title: "Matrix rename" },
      headers: { "if-match": '"999"' }, // stale on purpose: an allowed caller gets 412, nothing changes
    }),
    expected: { ...everyone(403), anonymous: 401, admin: "ok", ownerSeller: "ok" },
  },
  {
    name: "POST /businesses/{id}/status (draft -> published)",
    request: ({ listing }) => ({
      method: "POST",
      path: `/businesses/${listing}/status`,
      body: { status: "PUBLISHED" },
    }),
    expected: { ...everyone(404), anonymous: 401, admin: "ok", ownerSeller: "ok" },
  },
  {
    name: "DELETE /businesses/{id} (published)",
    request: ({ listing }) => ({ method: "DELETE", path: `/businesses/${listing}` }),
    expected: { ...everyone(403), anonymous: 401, admin: "ok", ownerSeller: "ok" },
  },
  {
    name: "POST /businesses/{id}/inquiries",
    request: ({ listing }) => ({
      method: "POST",
      path: `/businesses/${listing}/inquiries`,
      body: { message: "Interested, please share more." },
    }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: "ok" },
  },
  {
    name: "GET /inquiries",
    request: () => ({ method: "GET", path: "/inquiries" }),
    expected: { ...everyone("ok"), anonymous: 401 },
  },
  {
    name: "GET /inquiries/{id} (seeded inquiry on business-1)",
    request: () => ({ method: "GET", path: `/inquiries/${SEEDED_INQUIRY}` }),
    expected: {
      ...everyone(404),
      anonymous: 401,
      admin: "ok",
      ownerSeller: "ok",
      buyerWithNda: "ok",
      advisorOnDeal: "ok",
    },
  },
  {
    name: "POST /inquiries/{id}/accept",
    request: ({ inquiry }) => ({ method: "POST", path: `/inquiries/${inquiry}/accept` }),
    expected: { ...everyone(404), anonymous: 401, admin: "ok", ownerSeller: "ok", buyerWithoutNda: 403 },
  },
  {
    name: "POST /inquiries/{id}/withdraw",
    request: ({ inquiry }) => ({ method: "POST", path: `/inquiries/${inquiry}/withdraw` }),
    expected: { ...everyone(404), anonymous: 401, admin: 403, ownerSeller: 403, buyerWithoutNda: "ok" },
  },
  {
    name: "POST /inquiries/{id}/nda",
    request: ({ inquiry }) => ({ method: "POST", path: `/inquiries/${inquiry}/nda`, body: { ndaVersion: "2026-01" } }),
    // Allowed past the permission check for the buyer, who then gets 409: the seller has not accepted yet.
    expected: { ...everyone(404), anonymous: 401, admin: 403, ownerSeller: 403, buyerWithoutNda: "ok" },
  },
  {
    name: "GET /businesses/{id}/financials (business-1)",
    request: () => ({ method: "GET", path: `/businesses/${BUSINESS.confidentialPublished}/financials` }),
    expected: {
      ...everyone(403),
      anonymous: 401,
      admin: "ok",
      ownerSeller: "ok",
      buyerWithNda: "ok",
      advisorOnDeal: "ok",
    },
  },
  {
    name: "POST /businesses/{id}/financials (business-1)",
    request: () => ({
      method: "POST",
      path: `/businesses/${BUSINESS.confidentialPublished}/financials`,
      body: { financialYearEnd: "2019-03-31", revenuePence: 100 },
    }),
    expected: { ...everyone(403), anonymous: 401, admin: "ok", ownerSeller: "ok", advisorOnDeal: "ok" },
  },
  {
    name: "GET /businesses/{id}/valuations (business-1)",
    request: () => ({ method: "GET", path: `/businesses/${BUSINESS.confidentialPublished}/valuations` }),
    expected: {
      ...everyone(403),
      anonymous: 401,
      admin: "ok",
      ownerSeller: "ok",
      buyerWithNda: "ok",
      advisorOnDeal: "ok",
    },
  },
  {
    name: "POST /businesses/{id}/valuations (business-1)",
    request: () => ({
      method: "POST",
      path: `/businesses/${BUSINESS.confidentialPublished}/valuations`,
      body: { method: "EBITDA_MULTIPLE", inputs: {}, lowPence: 1, midPence: 2, highPence: 3 },
    }),
    expected: { ...everyone(403), anonymous: 401, admin: "ok", ownerSeller: "ok", advisorOnDeal: "ok" },
  },
  {
    name: "GET /me/buyer-profile",
    request: () => ({ method: "GET", path: "/me/buyer-profile" }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: "ok" },
  },
  {
    name: "GET /me/matches",
    request: () => ({ method: "GET", path: "/me/matches" }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: "ok" },
  },
  {
    name: "GET /businesses/{id}/interested-buyers (business-1)",
    request: () => ({ method: "GET", path: `/businesses/${BUSINESS.confidentialPublished}/interested-buyers` }),
    expected: { ...everyone(403), anonymous: 401, admin: "ok", ownerSeller: "ok", advisorOnDeal: "ok" },
  },
  {
    name: "GET /advisors",
    request: () => ({ method: "GET", path: "/advisors" }),
    expected: { ...everyone("ok"), anonymous: 401 },
  },
  {
    name: "PUT /me/advisor-profile",
    request: () => ({
      method: "PUT",
      path: "/me/advisor-profile",
      body: { firmName: "Matrix Advisers", advisorType: "ACCOUNTANT" },
    }),
    expected: { ...everyone(403), anonymous: 401, advisorOnDeal: "ok", advisorOffDeal: "ok" },
  },
  {
    name: "GET /me/advisor-profile",
    request: () => ({ method: "GET", path: "/me/advisor-profile" }),
    expected: { ...everyone(403), anonymous: 401, advisorOnDeal: "ok", advisorOffDeal: "ok" },
  },
  {
    name: "PUT /businesses/{id}/financials/{financialId} (business-1, FY2023)",
    request: () => ({
      method: "PUT",
      path: `/businesses/${BUSINESS.confidentialPublished}/financials/${stableId("business-1:fy1")}`,
      body: { financialYearEnd: "2023-03-31", revenuePence: 272_800_000 },
    }),
    expected: { ...everyone(403), anonymous: 401, admin: "ok", ownerSeller: "ok", advisorOnDeal: "ok" },
  },
  {
    name: "PUT /businesses/{id}/advisor",
    request: ({ listing }) => ({
      method: "PUT",
      path: `/businesses/${listing}/advisor`,
      body: { advisorProfileId: null },
    }),
    expected: { ...everyone(403), anonymous: 401, admin: "ok", ownerSeller: "ok" },
  },
  {
    name: "GET /deal-rooms",
    request: () => ({ method: "GET", path: "/deal-rooms" }),
    expected: { ...everyone("ok"), anonymous: 401 },
  },
  ...(["", "/documents", "/questions"] as const).map(
    (suffix): RouteCase => ({
      name: `GET /deal-rooms/{id}${suffix} (seeded room of business-1)`,
      request: () => ({ method: "GET", path: `/deal-rooms/${SEEDED_ROOM}${suffix}` }),
      expected: {
        ...everyone(404),
        anonymous: 401,
        admin: "ok",
        ownerSeller: "ok",
        buyerWithNda: "ok",
        advisorOnDeal: "ok",
      },
    }),
  ),
  {
    name: "POST /deal-rooms/{id}/documents",
    request: () => {
      const form = new FormData();
      form.set("file", new File(["%PDF-1.7 matrix"], "matrix.pdf", { type: "application/pdf" }));
      return { method: "POST", path: `/deal-rooms/${SEEDED_ROOM}/documents`, body: form };
    },
    expected: {
      ...everyone(404),
      anonymous: 401,
      admin: "ok",
      ownerSeller: "ok",
      advisorOnDeal: "ok",
      buyerWithNda: 403,
    },
  },
  {
    name: "GET /deal-rooms/{id}/access-log",
    request: () => ({ method: "GET", path: `/deal-rooms/${SEEDED_ROOM}/access-log` }),
    expected: {
      ...everyone(404),
      anonymous: 401,
      admin: "ok",
      ownerSeller: "ok",
      advisorOnDeal: "ok",
      buyerWithNda: 403,
    },
  },
  {
    name: "POST /deal-rooms/{id}/members",
    request: () => ({
      method: "POST",
      path: `/deal-rooms/${SEEDED_ROOM}/members`,
      body: { userId: stableId("buyer-7"), role: "VIEWER" },
    }),
    expected: {
      ...everyone(404),
      anonymous: 401,
      admin: "ok",
      ownerSeller: "ok",
      advisorOnDeal: 403,
      buyerWithNda: 403,
    },
  },
  {
    name: "POST /deal-rooms/{id}/questions",
    request: () => ({
      method: "POST",
      path: `/deal-rooms/${SEEDED_ROOM}/questions`,
      body: { body: "A matrix question?" },
    }),
    expected: {
      ...everyone(404),
      anonymous: 401,
      admin: "ok",
      ownerSeller: "ok",
      advisorOnDeal: "ok",
      buyerWithNda: "ok",
    },
  },
  ...(
    [
      ["GET", "/admin/users", undefined],
      ["GET", "/admin/activity", undefined],
      ["GET", "/admin/audit", undefined],
      ["POST", `/admin/users/${stableId("buyer-7")}/verify`, undefined],
      ["POST", `/admin/users/${stableId("buyer-7")}/reinstate`, undefined],
    ] as const
  ).map(
    ([method, path, body]): RouteCase => ({
      name: `${method} ${path}`,
      request: () => ({ method, path, body }),
      expected: { ...everyone(403), anonymous: 401, admin: "ok" },
    }),
  ),
  {
    name: "POST /admin/businesses/{id}/takedown",
    request: ({ listing }) => ({
      method: "POST",
      path: `/admin/businesses/${listing}/takedown`,
      body: { reason: "Matrix takedown" },
    }),
    expected: { ...everyone(403), anonymous: 401, admin: "ok" },
  },
];

const SEEDED_ROOM = stableId("inquiry-1:room");

const SEEDED_INQUIRY = stableId("inquiry-1");

async function freshInquiry(prisma: PrismaClient, listing: string) {
  const buyer = await prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithoutNda } });
  const inquiry = await prisma.inquiry.create({
    data: { businessId: listing, buyerId: buyer.id, message: "Matrix inquiry" },
  });
  return inquiry.id;
}

async function freshListing(prisma: PrismaClient, status: "DRAFT" | "PUBLISHED") {
  const owner = await prisma.user.findFirstOrThrow({ where: { email: ACTORS.ownerSeller } });
  const business = await prisma.business.create({
    data: {
      sellerId: owner.id,
      title: "Matrix listing",
      description: "Made for one cell of the matrix.",
      sicCode: "62020",
      region: "LONDON",
      askingPrice: 1_000_000n,
      premisesTenure: "LEASEHOLD",
      status,
      publishedAt: status === "PUBLISHED" ? new Date() : null,
    },
  });
  return business.id;
}

describe("authorization matrix", () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>["app"];
  const tokens = new Map<Actor, string | undefined>();

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    ({ app } = createTestApp(db.appPrisma));
    tokens.set("anonymous", undefined);
    for (const [actor, email] of Object.entries(ACTORS)) tokens.set(actor as Actor, await loginAs(app, email));
  });
  afterAll(() => db.drop());

  for (const route of CASES) {
    describe(route.name, () => {
      for (const [actor, expected] of Object.entries(route.expected) as [Actor, Outcome][]) {
        it(`${actor}: ${expected === "ok" ? "allowed" : `refused with ${expected}`}`, async () => {
          const listing = await freshListing(db.prisma, route.name.includes("(draft") ? "DRAFT" : "PUBLISHED");
          const inquiry = await freshInquiry(db.prisma, listing);
          const { method, path, body, headers } = route.request({ listing, inquiry });
          const token = tokens.get(actor);
          const response = await call(app, method, path, {
            ...(token ? { token } : {}),
            body,
            ...(headers ? { headers } : {}),
          });
          if (expected === "ok") {
            expect([401, 403, 404], `${actor} ${method} ${path}: ${await response.clone().text()}`).not.toContain(
              response.status,
            );
            expect(response.status).toBeLessThan(500);
          } else {
            expect(response.status, await response.clone().text()).toBe(expected);
            expect(response.headers.get("content-type")).toBe("application/problem+json");
          }
        });
      }
    });
  }
});
