// Deals through HTTP (issue 28): the heads of terms downloaded with their digest and signed by
// both parties, exclusivity, and a fall-through that puts the listing back on the market and makes
// the other buyer's offer answerable again. The other buyer gets, from every deal route, exactly
// what an id that never existed gets.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, loginAs, problemOf } from "../support/api-client.ts";
import { cashOfferTerms } from "../support/offer-terms.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const LISTING = BUSINESS.confidentialPublished;
const NEVER_USED = "0a1b2c3d-0000-4000-8000-000000000000";

describe("deals over HTTP", () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>["app"];
  const token = new Map<string, string>();
  const as = (email: string) => token.get(email)!;
  let dealId: string;
  let sha256: string;
  let otherOffer: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    ({ app } = createTestApp(db.appPrisma));
    for (const email of Object.values(ACTORS)) token.set(email, await loginAs(app, email));
    const inquiry = stableId("inquiry-5");
    await call(app, "POST", `/inquiries/${inquiry}/accept`, { token: as(ACTORS.ownerSeller) });
    await call(app, "POST", `/inquiries/${inquiry}/nda`, {
      token: as(ACTORS.buyerWithoutNda),
      body: { ndaVersion: "2026-01" },
    });
    for (const buyer of ["buyer-1", "buyer-6"]) {
      const recorded = await call(app, "PUT", `/admin/users/${stableId(buyer)}/due-diligence`, {
        token: as(ACTORS.admin),
        body: {
          identityMethod: "ELECTRONIC",
          identityCheckedAt: "2026-11-01T00:00:00Z",
          sourceOfFunds: "Savings",
          riskRating: "LOW",
        },
      });
      expect(recorded.status).toBe(200);
    }
    const offer = await call(app, "POST", `/businesses/${LISTING}/offers`, {
      token: as(ACTORS.buyerWithNda),
      body: cashOfferTerms(120_000_000, { exclusivityDays: 10 }),
    });
    const offerId = ((await offer.json()) as { id: string }).id;
    const other = await call(app, "POST", `/businesses/${LISTING}/offers`, {
      token: as(ACTORS.buyerWithoutNda),
      body: cashOfferTerms(110_000_000, { openDays: 30 }),
    });
    otherOffer = ((await other.json()) as { id: string }).id;
    const accepted = await call(app, "POST", `/offers/${offerId}/accept`, {
      token: as(ACTORS.ownerSeller),
      headers: { "if-match": '"1"' },
    });
    dealId = ((await accepted.json()) as { dealId: string }).dealId;
  });
  afterAll(() => db.drop());

  it("serves the heads of terms as a PDF whose Repr-Digest and bytes match the deal's SHA-256", async () => {
    const deal = (await (await call(app, "GET", `/deals/${dealId}`, { token: as(ACTORS.buyerWithNda) })).json()) as {
      headsOfTerms: { sha256: string };
    };
    sha256 = deal.headsOfTerms.sha256;
    const pdf = await call(app, "GET", `/deals/${dealId}/heads-of-terms`, { token: as(ACTORS.advisorOnDeal) });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(sha256);
    expect(pdf.headers.get("repr-digest")).toBe(`sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`);
  });

  it("answers the other buyer on every deal route exactly as for a deal that does not exist", async () => {
    const routes: [string, string, unknown?][] = [
      ["GET", ""],
      ["GET", "/heads-of-terms"],
      ["POST", "/signatures", { fullName: "Laura Chen", consent: true, documentSha256: "a".repeat(64) }],
      ["POST", "/exclusivity/extension", { days: 5, fullName: "Laura Chen", consent: true }],
      ["POST", "/exclusivity/end", {}],
      ["POST", "/fall-through", { reason: "x" }],
      [
        "POST",
        "/completion",
        {
          completedOn: "2026-11-25",
          consideration: { pricePence: 1, payment: { cashAtCompletionPence: 1, deferred: [] } },
        },
      ],
      ["POST", "/completion/confirm"],
    ];
    const strip = async (response: Response) => {
      const body = (await response.json()) as Record<string, unknown>;
      delete body.instance;
      delete body.requestId;
      return { status: response.status, body };
    };
    for (const [method, suffix, body] of routes) {
      const options = { token: as(ACTORS.buyerWithoutNda), body };
      const theirs = await strip(await call(app, method, `/deals/${dealId}${suffix}`, options));
      const nothing = await strip(await call(app, method, `/deals/${NEVER_USED}${suffix}`, options));
      expect(theirs, `${method} /deals/:id${suffix}`).toEqual(nothing);
      expect(theirs.status).toBe(404);
    }
    const mine = (await (await call(app, "GET", "/deals", { token: as(ACTORS.buyerWithoutNda) })).json()) as {
      deals: unknown[];
    };
    expect(mine.deals).toEqual([]);
  });

  it("signs with consent and the hash read, then exclusivity puts the listing under offer", async () => {
    const missingConsent = await call(app, "POST", `/deals/${dealId}/signatures`, {
      token: as(ACTORS.buyerWithNda),
      body: { fullName: "Tom Bradshaw", documentSha256: sha256 },
    });
    expect((await problemOf(missingConsent)).errors?.map((error) => error.field)).toContain("consent");
    for (const [email, name] of [
      [ACTORS.buyerWithNda, "Tom Bradshaw"],
      [ACTORS.ownerSeller, "David Hughes"],
    ] as const) {
      const signed = await call(app, "POST", `/deals/${dealId}/signatures`, {
        token: as(email),
        body: { fullName: name, consent: true, documentSha256: sha256 },
      });
      expect(signed.status).toBe(200);
    }
    const deal = (await (await call(app, "GET", `/deals/${dealId}`, { token: as(ACTORS.ownerSeller) })).json()) as {
      status: string;
      exclusivity: { days: number; endsAt: string };
      headsOfTerms: { signatures: { party: string; fullName: string }[] };
    };
    expect(deal.status).toBe("EXCLUSIVE");
    expect(deal.exclusivity).toMatchObject({ days: 10, endsAt: "2026-12-05T12:00:00.000Z" });
    expect(deal.headsOfTerms.signatures.map((s) => [s.party, s.fullName])).toEqual([
      ["BUYER", "Tom Bradshaw"],
      ["SELLER", "David Hughes"],
    ]);
    const listing = (await (
      await call(app, "GET", `/businesses/${LISTING}`, { token: as(ACTORS.buyerWithoutNda) })
    ).json()) as {
      status: string;
    };
    expect(listing.status).toBe("UNDER_OFFER");
    const refused = await call(app, "POST", `/businesses/${LISTING}/offers`, {
      token: as(ACTORS.buyerWithoutNda),
      body: cashOfferTerms(1_000),
    });
    expect((await problemOf(refused)).code).toMatch(/^(offer_already_live|listing_in_exclusivity)$/);
  });

  it("refuses the seller an early end without a reason; a fall-through puts the listing back and the other offer is live again", async () => {
    const bare = await call(app, "POST", `/deals/${dealId}/exclusivity/end`, {
      token: as(ACTORS.ownerSeller),
      body: {},
    });
    expect((await problemOf(bare)).code).toBe("invalid_transition");
    const ended = await call(app, "POST", `/deals/${dealId}/fall-through`, {
      token: as(ACTORS.buyerWithNda),
      body: { reason: "The bank withdrew its offer of finance." },
    });
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as { status: string }).status).toBe("FELL_THROUGH");
    const listing = (await (await call(app, "GET", `/businesses/${LISTING}`)).json()) as { status: string };
    expect(listing.status).toBe("PUBLISHED");
    const other = (await (
      await call(app, "GET", `/offers/${otherOffer}`, { token: as(ACTORS.buyerWithoutNda) })
    ).json()) as {
      status: string;
      frozen: boolean;
    };
    expect(other).toMatchObject({ status: "AWAITING_SELLER", frozen: false });
    const notes = (await (
      await call(app, "GET", "/me/notifications", { token: as(ACTORS.buyerWithoutNda) })
    ).json()) as {
      items: { body: string }[];
    };
    expect(notes.items.map((item) => item.body).join("\n")).toContain("can be answered again");
    expect(JSON.stringify(notes)).not.toMatch(/Bradshaw|bank withdrew/);
    const accepted = await call(app, "POST", `/offers/${otherOffer}/accept`, {
      token: as(ACTORS.ownerSeller),
      headers: { "if-match": '"1"' },
    });
    expect(accepted.status).toBe(200);
  });
});
