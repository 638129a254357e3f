// Every operation of the API (each one in /openapi.json; a test fails when one has no row),
// called as every kind of actor, with the exact status each must get. A cell is "ok" (the
// operation's own success status, or the status that comes only after the permission check, like
// a stale If-Match) or the status the actor must be refused with. Denials are checked as carefully
// as successes: a new operation or a changed rule must update this table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appConfigFrom } from "../../functions/config/app-config.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { unsubscribeToken } from "../../functions/notifications/unsubscribe-token.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, loginAs } from "../support/api-client.ts";
import { cashOfferTerms } from "../support/offer-terms.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS, type Actor, BUSINESS } from "../support/seed-actors.ts";
import { createTestApp } from "../support/test-app.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** The key the app under test signs unsubscribe links with (the tests' JWT secret). */
const UNSUBSCRIBE_KEY = appConfigFrom(loadEnvironment({ NODE_ENV: "test" })).unsubscribeKey;

type Outcome = "ok" | 400 | 401 | 403 | 404 | 409;

interface Fixtures {
  /** A listing owned by the owner seller, made for this cell (a draft when the case says so). */
  listing: string;
  /** A pending inquiry by buyerWithoutNda on that listing. */
  inquiry: string;
  /** A financial year of business-1 (seller: ownerSeller, advisor: advisorOnDeal). */
  financial: string;
  /** A valuation of business-1. */
  valuation: string;
  /** A document in the seeded deal room of business-1, uploaded by its owner. */
  document: string;
  /** A question in that room, asked by buyerWithNda. */
  question: string;
  /** A saved search of buyerWithNda's (their only one, so the cap of 20 never bites). */
  savedSearch: string;
  /** A live offer by buyerWithNda on business-1, awaiting the seller (version 1); the only one. */
  offer: string;
  /** For rows marked `deal`: that offer accepted by the seller, a deal at heads of terms, and its PDF's SHA-256. */
  deal: string;
  dealSha256: string;
  /** A buyer account nobody else uses, for the admin operations on users. */
  person: string;
  /** Unique per cell, for bodies that must not collide (e-mail addresses). */
  unique: string;
}

interface RouteCase {
  /** The operation as /openapi.json names it: method and path template. */
  operation: string;
  /** What this row covers, when an operation has several rows. */
  note?: string;
  /** The cell's fresh listing is a draft (otherwise published). */
  draft?: boolean;
  /** The cell's offer is accepted first (a deal at heads of terms). */
  deal?: boolean;
  /** Needs no fixtures (and must make none: the caller's account may be gone). */
  standalone?: boolean;
  /** The exact status an allowed caller gets. */
  ok: number;
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
/** Any signed-in caller; anonymous gets 401. */
const signedIn = (): Record<Actor, Outcome> => ({ ...everyone("ok"), anonymous: 401 });
/** Admins only. */
const adminOnly = (): Record<Actor, Outcome> => ({ ...everyone(403), anonymous: 401, admin: "ok" });
/** The members of the seeded deal room of business-1 (and admins); everyone else: no such room. */
const roomMembers = (): Record<Actor, Outcome> => ({
  ...everyone(404),
  anonymous: 401,
  admin: "ok",
  ownerSeller: "ok",
  buyerWithNda: "ok",
  advisorOnDeal: "ok",
});
/** Members who run the room (owner, advisor, admin); the buyer member is refused. */
const roomManagers = (): Record<Actor, Outcome> => ({ ...roomMembers(), buyerWithNda: 403 });
/** An offer's buyer (buyerWithNda), business-1's seller and advisor, and admins; to anyone else it does not exist. */
const offerParties = (): Record<Actor, Outcome> => ({
  ...everyone(404),
  anonymous: 401,
  admin: "ok",
  ownerSeller: "ok",
  advisorOnDeal: "ok",
  buyerWithNda: "ok",
});
/** Business-1's seller and advisor, and admins. */
const listingManagers = (): Record<Actor, Outcome> => ({
  ...everyone(403),
  anonymous: 401,
  admin: "ok",
  ownerSeller: "ok",
  advisorOnDeal: "ok",
});

const newListing = {
  title: "Matrix test listing",
  description: "A listing created by the authorization matrix test.",
  sicCode: "62020",
  region: "LONDON",
  askingPricePence: 10_000_000,
  premisesTenure: "LEASEHOLD",
};

const BUSINESS_1 = BUSINESS.confidentialPublished;

const CASES: RouteCase[] = [
  { operation: "GET /health", ok: 200, request: () => ({ method: "GET", path: "/health" }), expected: everyone("ok") },
  { operation: "GET /ready", ok: 200, request: () => ({ method: "GET", path: "/ready" }), expected: everyone("ok") },
  // Accounts: these ignore who is calling; the rows show that a token changes nothing.
  {
    operation: "POST /auth/register",
    ok: 202,
    request: ({ unique }) => ({
      method: "POST",
      path: "/auth/register",
      body: { email: `matrix.${unique}@example.co.uk`, password: "a-long-enough-password", name: "M", role: "BUYER" },
    }),
    expected: everyone("ok"),
  },
  {
    operation: "POST /auth/login",
    ok: 200,
    request: () => ({
      method: "POST",
      path: "/auth/login",
      body: { email: "sarah.whitfield@midlandsindustrial.co.uk", password: "ExitMatch-dev-2026" },
    }),
    expected: everyone("ok"),
  },
  {
    operation: "POST /auth/refresh",
    note: "an unknown refresh token",
    ok: 200,
    request: () => ({ method: "POST", path: "/auth/refresh", body: { refreshToken: "not-a-refresh-token" } }),
    expected: everyone(401),
  },
  {
    operation: "POST /auth/logout",
    ok: 204,
    request: () => ({ method: "POST", path: "/auth/logout", body: { refreshToken: "not-a-refresh-token" } }),
    expected: everyone("ok"),
  },
  {
    operation: "POST /auth/verify-email",
    note: "an unknown token",
    ok: 204,
    request: () => ({ method: "POST", path: "/auth/verify-email", body: { token: "not-a-token" } }),
    expected: everyone(401),
  },
  {
    operation: "POST /auth/password-reset",
    ok: 202,
    request: ({ unique }) => ({
      method: "POST",
      path: "/auth/password-reset",
      body: { email: `reset.${unique}@example.co.uk` },
    }),
    expected: everyone("ok"),
  },
  {
    operation: "POST /auth/password-reset/confirm",
    note: "an unknown token",
    ok: 204,
    request: () => ({
      method: "POST",
      path: "/auth/password-reset/confirm",
      body: { token: "not-a-token", password: "a-long-enough-password" },
    }),
    expected: everyone(401),
  },
  { operation: "GET /me", ok: 200, request: () => ({ method: "GET", path: "/me" }), expected: signedIn() },
  // Listings.
  {
    operation: "GET /businesses",
    ok: 200,
    request: () => ({ method: "GET", path: "/businesses" }),
    expected: everyone("ok"),
  },
  {
    operation: "GET /businesses/{id}",
    note: "published",
    ok: 200,
    request: () => ({ method: "GET", path: `/businesses/${BUSINESS_1}` }),
    expected: everyone("ok"),
  },
  {
    operation: "GET /businesses/{id}",
    note: "draft",
    draft: true,
    ok: 200,
    request: ({ listing }) => ({ method: "GET", path: `/businesses/${listing}` }),
    expected: { ...everyone(404), admin: "ok", ownerSeller: "ok" },
  },
  {
    operation: "POST /businesses",
    ok: 201,
    request: () => ({ method: "POST", path: "/businesses", body: newListing }),
    expected: { ...everyone(403), anonymous: 401, ownerSeller: "ok", otherSeller: "ok" },
  },
  {
    operation: "PATCH /businesses/{id}",
    note: "a stale If-Match: an allowed caller gets 412 and nothing changes",
    ok: 412,
    request: () => ({
      method: "PATCH",
      path: `/businesses/${BUSINESS_1}`,
      body: { title: "Matrix rename" },
      headers: { "if-match": '"999"' },
    }),
    expected: { ...everyone(403), anonymous: 401, admin: "ok", ownerSeller: "ok" },
  },
  {
    operation: "POST /businesses/{id}/status",
    note: "draft to published",
    draft: true,
    ok: 200,
    request: ({ listing }) => ({
      method: "POST",
      path: `/businesses/${listing}/status`,
      body: { status: "PUBLISHED" },
    }),
    expected: { ...everyone(404), anonymous: 401, admin: "ok", ownerSeller: "ok" },
  },
  {
    operation: "DELETE /businesses/{id}",
    ok: 204,
    request: ({ listing }) => ({ method: "DELETE", path: `/businesses/${listing}` }),
    expected: { ...everyone(403), anonymous: 401, admin: "ok", ownerSeller: "ok" },
  },
  // Inquiries.
  {
    operation: "POST /businesses/{id}/inquiries",
    ok: 201,
    request: ({ listing }) => ({
      method: "POST",
      path: `/businesses/${listing}/inquiries`,
      body: { message: "Interested, please share more." },
    }),
    // buyerWithoutNda already has a live inquiry on the cell's listing: allowed, then 409.
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: 409 },
  },
  {
    operation: "GET /inquiries",
    ok: 200,
    request: () => ({ method: "GET", path: "/inquiries" }),
    expected: signedIn(),
  },
  {
    operation: "GET /inquiries/{id}",
    note: "the seeded inquiry on business-1",
    ok: 200,
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
  ...(["accept", "decline"] as const).map(
    (action): RouteCase => ({
      operation: `POST /inquiries/{id}/${action}`,
      ok: 200,
      request: ({ inquiry }) => ({ method: "POST", path: `/inquiries/${inquiry}/${action}` }),
      expected: { ...everyone(404), anonymous: 401, admin: "ok", ownerSeller: "ok", buyerWithoutNda: 403 },
    }),
  ),
  {
    operation: "POST /inquiries/{id}/withdraw",
    ok: 200,
    request: ({ inquiry }) => ({ method: "POST", path: `/inquiries/${inquiry}/withdraw` }),
    expected: { ...everyone(404), anonymous: 401, admin: 403, ownerSeller: 403, buyerWithoutNda: "ok" },
  },
  {
    operation: "POST /inquiries/{id}/nda",
    note: "past the permission check the buyer gets 409: the seller has not accepted yet",
    ok: 409,
    request: ({ inquiry }) => ({ method: "POST", path: `/inquiries/${inquiry}/nda`, body: { ndaVersion: "2026-01" } }),
    expected: { ...everyone(404), anonymous: 401, admin: 403, ownerSeller: 403, buyerWithoutNda: "ok" },
  },
  // Figures.
  {
    operation: "GET /businesses/{id}/financials",
    ok: 200,
    request: () => ({ method: "GET", path: `/businesses/${BUSINESS_1}/financials` }),
    expected: { ...listingManagers(), buyerWithNda: "ok" },
  },
  {
    operation: "POST /businesses/{id}/financials",
    ok: 201,
    request: ({ unique }) => ({
      method: "POST",
      path: `/businesses/${BUSINESS_1}/financials`,
      body: { financialYearEnd: `${1900 + (Number.parseInt(unique.slice(0, 4), 16) % 100)}-03-31`, revenuePence: 100 },
    }),
    expected: listingManagers(),
  },
  {
    operation: "PUT /businesses/{id}/financials/{financialId}",
    note: "without If-Match: an allowed caller is told it is required (428)",
    ok: 428,
    request: ({ financial }) => ({
      method: "PUT",
      path: `/businesses/${BUSINESS_1}/financials/${financial}`,
      body: { financialYearEnd: "2001-03-31", revenuePence: 272_800_000 },
    }),
    expected: listingManagers(),
  },
  {
    operation: "DELETE /businesses/{id}/financials/{financialId}",
    ok: 204,
    request: ({ financial }) => ({ method: "DELETE", path: `/businesses/${BUSINESS_1}/financials/${financial}` }),
    expected: listingManagers(),
  },
  {
    operation: "GET /businesses/{id}/valuations",
    ok: 200,
    request: () => ({ method: "GET", path: `/businesses/${BUSINESS_1}/valuations` }),
    expected: { ...listingManagers(), buyerWithNda: "ok" },
  },
  {
    operation: "POST /businesses/{id}/valuations",
    ok: 201,
    request: () => ({
      method: "POST",
      path: `/businesses/${BUSINESS_1}/valuations`,
      body: { method: "EBITDA_MULTIPLE", inputs: {}, lowPence: 1, midPence: 2, highPence: 3 },
    }),
    expected: listingManagers(),
  },
  {
    operation: "DELETE /businesses/{id}/valuations/{valuationId}",
    ok: 204,
    note: "the seller's valuation: its author or an admin",
    request: ({ valuation }) => ({ method: "DELETE", path: `/businesses/${BUSINESS_1}/valuations/${valuation}` }),
    expected: { ...listingManagers(), advisorOnDeal: 403 },
  },
  // Buyers, matching, advisors.
  {
    operation: "GET /me/buyer-profile",
    ok: 200,
    request: () => ({ method: "GET", path: "/me/buyer-profile" }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: "ok" },
  },
  {
    operation: "PUT /me/buyer-profile",
    ok: 200,
    request: () => ({
      method: "PUT",
      path: "/me/buyer-profile",
      body: { headline: "Matrix buyer", sicCodes: ["62"], regions: ["LONDON"], fundingSource: "CASH" },
    }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: "ok" },
  },
  {
    operation: "GET /me/matches",
    ok: 200,
    request: () => ({ method: "GET", path: "/me/matches" }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: "ok" },
  },
  // Saved searches: buyers only, each their own (another buyer's is not there: 404).
  {
    operation: "GET /me/saved-searches",
    ok: 200,
    request: () => ({ method: "GET", path: "/me/saved-searches" }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: "ok" },
  },
  {
    operation: "POST /me/saved-searches",
    ok: 201,
    request: () => ({
      method: "POST",
      path: "/me/saved-searches",
      body: { name: "Matrix search", filters: { sic: ["62"] }, alertFrequency: "DAILY_DIGEST" },
    }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: "ok" },
  },
  {
    operation: "GET /me/saved-searches/{id}",
    ok: 200,
    request: ({ savedSearch }) => ({ method: "GET", path: `/me/saved-searches/${savedSearch}` }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: 404 },
  },
  {
    operation: "PUT /me/saved-searches/{id}",
    ok: 200,
    request: ({ savedSearch }) => ({
      method: "PUT",
      path: `/me/saved-searches/${savedSearch}`,
      body: { name: "Renamed", filters: { region: ["WALES"] }, alertFrequency: "OFF" },
    }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: 404 },
  },
  {
    operation: "DELETE /me/saved-searches/{id}",
    ok: 204,
    request: ({ savedSearch }) => ({ method: "DELETE", path: `/me/saved-searches/${savedSearch}` }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: 404 },
  },
  // Notifications: every signed-in person has their own; unsubscribing needs only the link's token.
  {
    operation: "GET /me/notification-preferences",
    ok: 200,
    request: () => ({ method: "GET", path: "/me/notification-preferences" }),
    expected: signedIn(),
  },
  {
    operation: "PUT /me/notification-preferences",
    ok: 200,
    request: () => ({
      method: "PUT",
      path: "/me/notification-preferences",
      body: { DEAL_ROOM_DOCUMENTS: { delivery: "DAILY_DIGEST" } },
    }),
    expected: signedIn(),
  },
  {
    operation: "GET /me/notifications",
    ok: 200,
    request: () => ({ method: "GET", path: "/me/notifications" }),
    expected: signedIn(),
  },
  {
    operation: "POST /me/notifications/read",
    ok: 200,
    request: () => ({ method: "POST", path: "/me/notifications/read", body: { all: true } }),
    expected: signedIn(),
  },
  {
    operation: "POST /notifications/unsubscribe",
    note: "a link's token: it alone decides whose topic goes off, whoever calls",
    ok: 200,
    request: ({ person }) => ({
      method: "POST",
      path: `/notifications/unsubscribe?token=${encodeURIComponent(unsubscribeToken(UNSUBSCRIBE_KEY, person, "NEW_MATCHES"))}`,
    }),
    expected: everyone("ok"),
  },
  {
    operation: "POST /notifications/unsubscribe",
    note: "a token signed for another topic, edited",
    ok: 200,
    request: ({ person }) => ({
      method: "POST",
      path: `/notifications/unsubscribe?token=${encodeURIComponent(unsubscribeToken(UNSUBSCRIBE_KEY, person, "NEW_MATCHES").replace("NEW_MATCHES", "DEAL_ROOM_QA"))}`,
    }),
    expected: everyone(401),
  },
  {
    operation: "GET /businesses/{id}/interested-buyers",
    ok: 200,
    request: () => ({ method: "GET", path: `/businesses/${BUSINESS_1}/interested-buyers` }),
    expected: listingManagers(),
  },
  { operation: "GET /advisors", ok: 200, request: () => ({ method: "GET", path: "/advisors" }), expected: signedIn() },
  {
    operation: "PUT /me/advisor-profile",
    ok: 200,
    request: () => ({
      method: "PUT",
      path: "/me/advisor-profile",
      body: { firmName: "Matrix Advisers", advisorType: "ACCOUNTANT" },
    }),
    expected: { ...everyone(403), anonymous: 401, advisorOnDeal: "ok", advisorOffDeal: "ok" },
  },
  {
    operation: "GET /me/advisor-profile",
    ok: 200,
    request: () => ({ method: "GET", path: "/me/advisor-profile" }),
    expected: { ...everyone(403), anonymous: 401, advisorOnDeal: "ok", advisorOffDeal: "ok" },
  },
  {
    operation: "PUT /businesses/{id}/advisor",
    ok: 204,
    request: ({ listing }) => ({
      method: "PUT",
      path: `/businesses/${listing}/advisor`,
      body: { advisorProfileId: null },
    }),
    expected: { ...everyone(403), anonymous: 401, admin: "ok", ownerSeller: "ok" },
  },
  // Deal rooms.
  {
    operation: "GET /deal-rooms",
    ok: 200,
    request: () => ({ method: "GET", path: "/deal-rooms" }),
    expected: signedIn(),
  },
  ...(["", "/documents", "/questions"] as const).map(
    (suffix): RouteCase => ({
      operation: `GET /deal-rooms/{id}${suffix}`,
      ok: 200,
      request: () => ({ method: "GET", path: `/deal-rooms/${SEEDED_ROOM}${suffix}` }),
      expected: roomMembers(),
    }),
  ),
  {
    operation: "POST /deal-rooms/{id}/members",
    ok: 200,
    request: () => ({
      method: "POST",
      path: `/deal-rooms/${SEEDED_ROOM}/members`,
      body: { userId: stableId("buyer-7"), role: "VIEWER" },
    }),
    expected: { ...roomMembers(), advisorOnDeal: 403, buyerWithNda: 403 },
  },
  {
    operation: "DELETE /deal-rooms/{id}/members/{userId}",
    ok: 204,
    request: () => ({ method: "DELETE", path: `/deal-rooms/${SEEDED_ROOM}/members/${stableId("buyer-8")}` }),
    expected: { ...roomMembers(), advisorOnDeal: 403, buyerWithNda: 403 },
  },
  {
    operation: "POST /deal-rooms/{id}/documents",
    ok: 201,
    request: () => {
      const form = new FormData();
      form.set("file", new File(["%PDF-1.7 matrix"], "matrix.pdf", { type: "application/pdf" }));
      return { method: "POST", path: `/deal-rooms/${SEEDED_ROOM}/documents`, body: form };
    },
    expected: roomManagers(),
  },
  {
    operation: "GET /deal-rooms/{id}/documents/{documentId}",
    ok: 200,
    request: ({ document }) => ({ method: "GET", path: `/deal-rooms/${SEEDED_ROOM}/documents/${document}` }),
    expected: roomMembers(),
  },
  {
    operation: "GET /deal-rooms/{id}/documents/{documentId}/content",
    ok: 200,
    request: ({ document }) => ({ method: "GET", path: `/deal-rooms/${SEEDED_ROOM}/documents/${document}/content` }),
    expected: roomMembers(),
  },
  {
    operation: "DELETE /deal-rooms/{id}/documents/{documentId}",
    ok: 204,
    request: ({ document }) => ({ method: "DELETE", path: `/deal-rooms/${SEEDED_ROOM}/documents/${document}` }),
    expected: roomManagers(),
  },
  {
    operation: "GET /deal-rooms/{id}/access-log",
    ok: 200,
    request: () => ({ method: "GET", path: `/deal-rooms/${SEEDED_ROOM}/access-log` }),
    expected: roomManagers(),
  },
  {
    operation: "GET /deal-rooms/{id}/access-log/export",
    ok: 200,
    request: () => ({ method: "GET", path: `/deal-rooms/${SEEDED_ROOM}/access-log/export?format=csv` }),
    expected: { ...roomManagers(), advisorOnDeal: 403 },
  },
  {
    operation: "POST /deal-rooms/{id}/questions",
    ok: 201,
    request: () => ({
      method: "POST",
      path: `/deal-rooms/${SEEDED_ROOM}/questions`,
      body: { body: "A matrix question?" },
    }),
    expected: roomMembers(),
  },
  {
    operation: "POST /deal-rooms/{id}/questions/{questionId}/answer",
    ok: 200,
    request: ({ question }) => ({
      method: "POST",
      path: `/deal-rooms/${SEEDED_ROOM}/questions/${question}/answer`,
      body: { answer: "A matrix answer." },
    }),
    expected: roomManagers(),
  },
  // Offers: the buyer on one side; the seller and advisor on the other; other buyers see nothing.
  {
    operation: "POST /businesses/{id}/offers",
    note: "the buyer already has a live offer: 409 after the permission checks",
    ok: 409,
    request: () => ({ method: "POST", path: `/businesses/${BUSINESS_1}/offers`, body: cashOfferTerms(50_000_000) }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok" },
  },
  {
    operation: "GET /businesses/{id}/offers",
    ok: 200,
    request: () => ({ method: "GET", path: `/businesses/${BUSINESS_1}/offers` }),
    expected: listingManagers(),
  },
  { operation: "GET /offers", ok: 200, request: () => ({ method: "GET", path: "/offers" }), expected: signedIn() },
  {
    operation: "GET /offers/{id}",
    ok: 200,
    request: ({ offer }) => ({ method: "GET", path: `/offers/${offer}` }),
    expected: offerParties(),
  },
  {
    operation: "GET /offers/{id}/versions/{number}/changes",
    note: "version 1 has nothing before it: 400 after the permission check",
    ok: 400,
    request: ({ offer }) => ({ method: "GET", path: `/offers/${offer}/versions/1/changes` }),
    expected: offerParties(),
  },
  ...(["counter", "accept", "reject"] as const).map(
    (action): RouteCase => ({
      operation: `POST /offers/{id}/${action}`,
      ok: 200,
      request: ({ offer }) => ({
        method: "POST",
        path: `/offers/${offer}/${action}`,
        headers: { "if-match": '"1"' },
        body:
          action === "counter" ? cashOfferTerms(60_000_000) : action === "reject" ? { reason: "Too low" } : undefined,
      }),
      // The seller's side answers; the buyer waits for their turn; admins read but do not answer.
      expected: { ...offerParties(), admin: 403, buyerWithNda: 409 },
    }),
  ),
  {
    operation: "POST /offers/{id}/withdraw",
    ok: 200,
    request: ({ offer }) => ({ method: "POST", path: `/offers/${offer}/withdraw`, headers: { "if-match": '"1"' } }),
    expected: { ...offerParties(), admin: 403, ownerSeller: 403, advisorOnDeal: 403 },
  },
  // Deals: their two parties and the listing's advisor; anyone else, another buyer included, 404.
  { operation: "GET /deals", ok: 200, request: () => ({ method: "GET", path: "/deals" }), expected: signedIn() },
  {
    operation: "GET /deals/{id}",
    deal: true,
    ok: 200,
    request: ({ deal }) => ({ method: "GET", path: `/deals/${deal}` }),
    expected: offerParties(),
  },
  {
    operation: "GET /deals/{id}/heads-of-terms",
    deal: true,
    ok: 200,
    request: ({ deal }) => ({ method: "GET", path: `/deals/${deal}/heads-of-terms` }),
    expected: offerParties(),
  },
  {
    operation: "GET /deals/{id}/record",
    deal: true,
    ok: 200,
    request: ({ deal }) => ({ method: "GET", path: `/deals/${deal}/record` }),
    expected: offerParties(),
  },
  {
    operation: "POST /deals/{id}/signatures",
    deal: true,
    ok: 200,
    request: ({ deal, dealSha256 }) => ({
      method: "POST",
      path: `/deals/${deal}/signatures`,
      body: { fullName: "Matrix Signer", consent: true, documentSha256: dealSha256 },
    }),
    // The two parties sign; the advisor and admins read but do not sign.
    expected: { ...offerParties(), admin: 403, advisorOnDeal: 403 },
  },
  {
    operation: "POST /deals/{id}/exclusivity/extension",
    note: "before exclusivity: 409 after the permission check",
    deal: true,
    ok: 409,
    request: ({ deal }) => ({
      method: "POST",
      path: `/deals/${deal}/exclusivity/extension`,
      body: { days: 10, fullName: "Matrix Signer", consent: true },
    }),
    expected: { ...offerParties(), admin: 403, advisorOnDeal: 403 },
  },
  {
    operation: "POST /deals/{id}/exclusivity/end",
    note: "before exclusivity: 409 after the permission check",
    deal: true,
    ok: 409,
    request: ({ deal }) => ({
      method: "POST",
      path: `/deals/${deal}/exclusivity/end`,
      body: { reason: "Missed milestone" },
    }),
    expected: { ...offerParties(), admin: 403 },
  },
  {
    operation: "POST /deals/{id}/fall-through",
    deal: true,
    ok: 200,
    request: ({ deal }) => ({
      method: "POST",
      path: `/deals/${deal}/fall-through`,
      body: { reason: "Finance refused" },
    }),
    expected: { ...offerParties(), admin: 403 },
  },
  {
    operation: "POST /deals/{id}/completion",
    note: "before exclusivity: 409 after the permission check",
    deal: true,
    ok: 409,
    request: ({ deal }) => ({
      method: "POST",
      path: `/deals/${deal}/completion`,
      body: {
        completedOn: "2026-11-25",
        consideration: { pricePence: 100, payment: { cashAtCompletionPence: 100, deferred: [] } },
      },
    }),
    // The seller's side records; the buyer confirms.
    expected: { ...offerParties(), admin: 403, buyerWithNda: 403 },
  },
  {
    operation: "POST /deals/{id}/completion/confirm",
    note: "nothing recorded yet: 409 after the permission check",
    deal: true,
    ok: 409,
    request: ({ deal }) => ({ method: "POST", path: `/deals/${deal}/completion/confirm` }),
    expected: { ...offerParties(), admin: 403, ownerSeller: 403, advisorOnDeal: 403 },
  },
  // Admin.
  {
    operation: "PUT /admin/users/{id}/due-diligence",
    ok: 200,
    request: ({ person }) => ({
      method: "PUT",
      path: `/admin/users/${person}/due-diligence`,
      body: {
        identityMethod: "ELECTRONIC",
        identityCheckedAt: "2026-11-01T10:00:00Z",
        sourceOfFunds: "Savings, bank statements seen",
        riskRating: "LOW",
      },
    }),
    expected: adminOnly(),
  },
  {
    operation: "GET /admin/users/{id}/due-diligence",
    ok: 200,
    request: () => ({ method: "GET", path: `/admin/users/${stableId("buyer-1")}/due-diligence` }),
    expected: adminOnly(),
  },
  ...(
    [
      ["GET /admin/users", "GET", () => "/admin/users", undefined],
      ["GET /admin/activity", "GET", () => "/admin/activity", undefined],
      ["GET /admin/audit", "GET", () => "/admin/audit", undefined],
      ["POST /admin/users/{id}/verify", "POST", (person: string) => `/admin/users/${person}/verify`, undefined],
      [
        "POST /admin/users/{id}/suspend",
        "POST",
        (person: string) => `/admin/users/${person}/suspend`,
        { reason: "Matrix suspension" },
      ],
      ["POST /admin/users/{id}/reinstate", "POST", (person: string) => `/admin/users/${person}/reinstate`, undefined],
      ["GET /admin/users/{id}/data-export", "GET", (person: string) => `/admin/users/${person}/data-export`, undefined],
      ["POST /admin/users/{id}/erasure", "POST", (person: string) => `/admin/users/${person}/erasure`, undefined],
    ] as const
  ).map(
    ([operation, method, path, body]): RouteCase => ({
      operation,
      ok: 200,
      request: ({ person }) => ({ method, path: path(person), body }),
      expected: adminOnly(),
    }),
  ),
  {
    operation: "POST /admin/businesses/{id}/takedown",
    ok: 200,
    request: ({ listing }) => ({
      method: "POST",
      path: `/admin/businesses/${listing}/takedown`,
      body: { reason: "Matrix takedown" },
    }),
    expected: adminOnly(),
  },
  // Privacy, about oneself: last, because erasure ends every actor's account.
  {
    operation: "POST /me/data-export",
    ok: 200,
    request: () => ({ method: "POST", path: "/me/data-export" }),
    expected: signedIn(),
  },
  {
    operation: "DELETE /me/buyer-profile",
    ok: 204,
    request: () => ({ method: "DELETE", path: "/me/buyer-profile" }),
    expected: { ...everyone(403), anonymous: 401, buyerWithNda: "ok", buyerWithoutNda: "ok" },
  },
  {
    operation: "POST /me/erasure",
    ok: 202,
    standalone: true,
    request: () => ({ method: "POST", path: "/me/erasure", body: { confirm: "erase my account" } }),
    // Admins are erased by an operator, never through the API (as POST /admin/users/{id}/erasure).
    expected: { ...signedIn(), admin: 403 },
  },
];

const SEEDED_ROOM = stableId("inquiry-1:room");
const SEEDED_INQUIRY = stableId("inquiry-1");

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

/**
 * The buyer's only live offer on business-1, awaiting the seller, with no deal in progress on the
 * listing (a cell before may have accepted one) and a current due diligence record on the buyer.
 */
async function freshOffer(prisma: PrismaClient, buyerId: string): Promise<string> {
  const now = TEST_NOW;
  await prisma.deal.deleteMany({ where: { businessId: BUSINESS_1 } });
  await prisma.offer.updateMany({
    where: { businessId: BUSINESS_1, status: { in: ["AWAITING_SELLER", "AWAITING_BUYER"] } },
    data: { status: "WITHDRAWN", endedAt: now },
  });
  const record = {
    identityMethod: "ELECTRONIC" as const,
    identityCheckedAt: now,
    sourceOfFunds: "Bank statements",
    riskRating: "LOW" as const,
    recordedById: stableId("admin"),
  };
  await prisma.buyerDueDiligence.upsert({ where: { buyerId }, create: { buyerId, ...record }, update: record });
  const inquiry = await prisma.inquiry.findFirstOrThrow({ where: { businessId: BUSINESS_1, buyerId } });
  const terms = cashOfferTerms(50_000_000);
  const openUntil = new Date(now.getTime() + 7 * 86_400_000);
  const offer = await prisma.offer.create({
    data: {
      businessId: BUSINESS_1,
      buyerId,
      inquiryId: inquiry.id,
      openUntil,
      versions: {
        create: {
          number: 1,
          proposedBy: "BUYER",
          proposedById: buyerId,
          dealType: terms.dealType,
          pricePence: BigInt(terms.pricePence),
          cashAtCompletionPence: BigInt(terms.payment.cashAtCompletionPence),
          terms: terms as object,
          openUntil,
        },
      },
    },
  });
  return offer.id;
}

/** What one cell works on, made fresh so that no cell depends on another. */
async function freshFixtures(
  db: TestDatabase,
  app: ReturnType<typeof createTestApp>["app"],
  ownerToken: string,
  draft: boolean,
  cell: number,
  withDeal: boolean,
): Promise<Fixtures> {
  const prisma = db.prisma;
  const unique = `${cell.toString(16).padStart(4, "0")}${crypto.randomUUID().slice(0, 8)}`;
  const listing = await freshListing(prisma, draft ? "DRAFT" : "PUBLISHED");
  const buyer = await prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithoutNda } });
  const inquiry = await prisma.inquiry.create({
    data: { businessId: listing, buyerId: buyer.id, message: "Matrix inquiry" },
  });
  const owner = await prisma.user.findFirstOrThrow({ where: { email: ACTORS.ownerSeller } });
  const financial = await prisma.businessFinancial.create({
    data: {
      businessId: BUSINESS_1,
      enteredById: owner.id,
      financialYearEnd: new Date(Date.UTC(1000 + cell, 2, 31)),
      revenue: 100n,
    },
  });
  const valuation = await prisma.valuation.create({
    data: {
      businessId: BUSINESS_1,
      createdById: owner.id,
      method: "EBITDA_MULTIPLE",
      inputs: {},
      low: 1n,
      mid: 2n,
      high: 3n,
    },
  });
  const form = new FormData();
  form.set("file", new File([`%PDF-1.7 cell ${cell}`], `cell-${cell}.pdf`, { type: "application/pdf" }));
  const uploaded = await app.request(`/deal-rooms/${SEEDED_ROOM}/documents`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${ownerToken}` },
  });
  const document = ((await uploaded.json()) as { id: string }).id;
  const asker = await prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithNda } });
  const question = await prisma.dealRoomQuestion.create({
    data: { dealRoomId: SEEDED_ROOM, askedById: asker.id, body: "A matrix question?" },
  });
  // buyer-8 (no actor here) is a viewer of the room again, for the cell that removes a member.
  await prisma.dealRoomMember.upsert({
    where: { dealRoomId_userId: { dealRoomId: SEEDED_ROOM, userId: stableId("buyer-8") } },
    create: { dealRoomId: SEEDED_ROOM, userId: stableId("buyer-8"), role: "VIEWER", addedById: owner.id },
    update: { revokedAt: null, role: "VIEWER" },
  });
  const offer = await freshOffer(prisma, asker.id);
  let deal = "";
  let dealSha256 = "";
  if (withDeal) {
    const accepted = await app.request(`/offers/${offer}/accept`, {
      method: "POST",
      headers: { authorization: `Bearer ${ownerToken}`, "if-match": '"1"' },
    });
    deal = ((await accepted.json()) as { dealId: string }).dealId;
    dealSha256 = (await prisma.deal.findUniqueOrThrow({ where: { id: deal } })).headsOfTermsSha256;
  }
  const person = await prisma.user.create({
    data: { email: `person.${unique}@example.co.uk`, name: "Matrix Person", role: "BUYER" },
  });
  await prisma.savedSearch.deleteMany({ where: { userId: asker.id } });
  const savedSearch = await prisma.savedSearch.create({
    data: {
      userId: asker.id,
      name: "Matrix search",
      filters: { region: ["LONDON"] },
      alertFrequency: "IMMEDIATE",
      createdAt: new Date(),
      updatedAt: new Date(),
    },
  });
  return {
    listing,
    inquiry: inquiry.id,
    financial: financial.id,
    valuation: valuation.id,
    document,
    question: question.id,
    offer,
    deal,
    dealSha256,
    person: person.id,
    savedSearch: savedSearch.id,
    unique,
  };
}

const operationsOf = (document: { paths: Record<string, Record<string, unknown>> }) =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );

describe("authorization matrix", () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>["app"];
  const tokens = new Map<Actor, string | undefined>();
  let cell = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    ({ app } = createTestApp(db.appPrisma));
    tokens.set("anonymous", undefined);
    for (const [actor, email] of Object.entries(ACTORS)) tokens.set(actor as Actor, await loginAs(app, email));
  });
  afterAll(() => db.drop());

  it("has a row for every operation in /openapi.json, and no row for an operation it lacks", async () => {
    const documented = operationsOf(
      (await (await app.request("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> },
    );
    const covered = new Set(CASES.map((route) => route.operation));
    expect(documented.filter((operation) => !covered.has(operation))).toEqual([]);
    expect([...covered].filter((operation) => !documented.includes(operation))).toEqual([]);
  });

  for (const route of CASES) {
    describe(`${route.operation}${route.note ? ` (${route.note})` : ""}`, () => {
      for (const [actor, expected] of Object.entries(route.expected) as [Actor, Outcome][]) {
        const status = expected === "ok" ? route.ok : expected;
        it(`${actor}: ${expected === "ok" ? `allowed (${status})` : `refused with ${status}`}`, async () => {
          cell += 1;
          const fixtures = route.standalone
            ? ({} as Fixtures)
            : await freshFixtures(db, app, tokens.get("ownerSeller")!, route.draft ?? false, cell, route.deal ?? false);
          const { method, path, body, headers } = route.request(fixtures);
          const token = tokens.get(actor);
          const response = await call(app, method, path, {
            ...(token ? { token } : {}),
            body,
            ...(headers ? { headers } : {}),
          });
          expect(response.status, `${actor} ${method} ${path}: ${await response.clone().text()}`).toBe(status);
          if (status >= 400) expect(response.headers.get("content-type")).toBe("application/problem+json");
        });
      }
    });
  }
});
