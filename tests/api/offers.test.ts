// Offers through HTTP (issue 28), as the frontend calls them: two buyers bid on one listing, the
// seller's side counters and accepts. Every offer route is called by the second buyer with the
// first buyer's offer: the answer is byte for byte what an id that never existed gets. Bad input
// answers 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, loginAs, problemOf } from "../support/api-client.ts";
import { cashOfferTerms, shareOfferTerms } from "../support/offer-terms.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const LISTING = BUSINESS.confidentialPublished;
const NEVER_USED = "0a1b2c3d-0000-4000-8000-000000000000";

interface OfferBody {
  id: string;
  status: string;
  turn: string | null;
  frozen: boolean;
  latest: { number: number; proposedBy: string; terms: { pricePence: number } };
  dealId: string | null;
}

describe("offers over HTTP", () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>["app"];
  const token = new Map<string, string>();
  const as = (email: string) => token.get(email)!;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    ({ app } = createTestApp(db.appPrisma));
    for (const email of Object.values(ACTORS)) token.set(email, await loginAs(app, email));
    // The second buyer's inquiry on business-1 is accepted and they sign the NDA.
    const inquiry = stableId("inquiry-5");
    expect((await call(app, "POST", `/inquiries/${inquiry}/accept`, { token: as(ACTORS.ownerSeller) })).status).toBe(
      200,
    );
    const nda = await call(app, "POST", `/inquiries/${inquiry}/nda`, {
      token: as(ACTORS.buyerWithoutNda),
      body: { ndaVersion: "2026-01" },
    });
    expect(nda.status).toBe(200);
  });
  afterAll(() => db.drop());

  const offer = (email: string, body: unknown) =>
    call(app, "POST", `/businesses/${LISTING}/offers`, { token: as(email), body });

  describe("bad input answers 400 naming the field, and changes nothing", () => {
    const cases: [string, unknown, string, RegExp?][] = [
      [
        "components that do not add up, by how much",
        shareOfferTerms({ pricePence: 121_000_000 }),
        "payment",
        /£10,000 less than the price/,
      ],
      [
        "a locked-box balance sheet dated in the future",
        shareOfferTerms({ priceMechanism: { kind: "LOCKED_BOX", balanceSheetDate: "2027-03-31" } }),
        "priceMechanism.balanceSheetDate",
      ],
      ["a negative amount", cashOfferTerms(-100), "pricePence"],
      ["an absurd amount (over £10bn)", cashOfferTerms(1_000_000_000_001), "pricePence"],
      ["an unknown condition kind", { ...shareOfferTerms(), conditions: [{ kind: "ASTROLOGY" }] }, "conditions.0.kind"],
      ["exclusivity over 120 days", shareOfferTerms({ exclusivityDays: 121 }), "exclusivityDays"],
      ["a field nobody knows", { ...shareOfferTerms(), discountPence: 5 }, ""],
    ];
    for (const [what, body, field, detail] of cases) {
      it(what, async () => {
        const response = await offer(ACTORS.buyerWithNda, body);
        expect(response.status).toBe(400);
        const problem = await problemOf(response);
        expect(problem.code).toBe("validation_failed");
        if (field) expect(problem.errors?.map((error) => error.field)).toContain(field);
        if (detail) expect(JSON.stringify(problem)).toMatch(detail);
        expect(await db.prisma.offer.count({ where: { businessId: LISTING } })).toBe(0);
      });
    }
  });

  describe("one negotiation, a second buyer watching", () => {
    let first: OfferBody;
    let second: OfferBody;

    it("makes offers with an ETag and a Location", async () => {
      const made = await offer(ACTORS.buyerWithNda, shareOfferTerms());
      expect(made.status).toBe(201);
      expect(made.headers.get("etag")).toBe('"1"');
      first = (await made.json()) as OfferBody;
      expect(made.headers.get("location")).toBe(`/offers/${first.id}`);
      expect(first).toMatchObject({
        status: "AWAITING_SELLER",
        turn: "SELLER",
        latest: { number: 1, proposedBy: "BUYER" },
      });
      const secondMade = await offer(ACTORS.buyerWithoutNda, cashOfferTerms(100_000_000));
      expect(secondMade.status).toBe(201);
      second = (await secondMade.json()) as OfferBody;
    });

    it("answers the second buyer, on every offer route, exactly as for an offer that does not exist", async () => {
      const routes: [string, (id: string) => string, unknown?][] = [
        ["GET", (id) => `/offers/${id}`],
        ["GET", (id) => `/offers/${id}/versions/2/changes`],
        ["POST", (id) => `/offers/${id}/counter`, cashOfferTerms(90_000_000)],
        ["POST", (id) => `/offers/${id}/accept`],
        ["POST", (id) => `/offers/${id}/reject`, { reason: "No" }],
        ["POST", (id) => `/offers/${id}/withdraw`],
      ];
      const strip = async (response: Response) => {
        const body = (await response.json()) as Record<string, unknown>;
        delete body.instance;
        delete body.requestId;
        return { status: response.status, type: response.headers.get("content-type"), body };
      };
      for (const [method, path, body] of routes) {
        const options = { token: as(ACTORS.buyerWithoutNda), body, headers: { "if-match": '"1"' } };
        const theirs = await strip(await call(app, method, path(first.id), options));
        const nothing = await strip(await call(app, method, path(NEVER_USED), options));
        expect(theirs, `${method} ${path(":id")}`).toEqual(nothing);
        expect(theirs.status).toBe(404);
      }
      const mine = (await (await call(app, "GET", "/offers", { token: as(ACTORS.buyerWithoutNda) })).json()) as {
        offers: { id: string }[];
      };
      expect(mine.offers.map((item) => item.id)).toEqual([second.id]);
      const board = await problemOf(
        await call(app, "GET", `/businesses/${LISTING}/offers`, { token: as(ACTORS.buyerWithoutNda) }),
      );
      expect(board.code).toBe("forbidden");
      // The same refusal for another buyer: it says nothing about the bids.
      const other = await call(app, "GET", `/businesses/${LISTING}/offers`, { token: as(ACTORS.buyerWithNda) });
      expect(await problemOf(other)).toMatchObject({ code: "forbidden", detail: board.detail });
    });

    it("shows the seller's side both offers on the board, sorted as asked", async () => {
      for (const email of [ACTORS.ownerSeller, ACTORS.advisorOnDeal]) {
        const response = await call(app, "GET", `/businesses/${LISTING}/offers?sort=pricePence&direction=asc`, {
          token: as(email),
        });
        expect(response.status).toBe(200);
        const board = (await response.json()) as {
          offers: { offerId: string; pricePence: number; secondsLeft: number }[];
        };
        expect(board.offers.map((row) => [row.offerId, row.pricePence])).toEqual([
          [second.id, 100_000_000],
          [first.id, 120_000_000],
        ]);
        expect(board.offers[0]!.secondsLeft).toBe(7 * 86_400);
      }
      const badSort = await call(app, "GET", `/businesses/${LISTING}/offers?sort=buyerName`, {
        token: as(ACTORS.ownerSeller),
      });
      expect((await problemOf(badSort)).code).toBe("validation_failed");
    });

    it("counters on the version read: 428 without If-Match, 412 when stale, with the current ETag", async () => {
      const counter = (ifMatch?: string) =>
        call(app, "POST", `/offers/${first.id}/counter`, {
          token: as(ACTORS.advisorOnDeal),
          body: cashOfferTerms(125_000_000),
          ...(ifMatch ? { headers: { "if-match": ifMatch } } : {}),
        });
      expect((await problemOf(await counter())).code).toBe("precondition_required");
      const done = await counter('"1"');
      expect(done.status).toBe(200);
      expect(done.headers.get("etag")).toBe('"2"');
      expect(((await done.json()) as OfferBody).latest).toMatchObject({ number: 2, proposedBy: "SELLER" });
      const stale = await counter('"1"');
      expect(stale.status).toBe(412);
      expect(stale.headers.get("etag")).toBe('"2"');
      const changes = (await (
        await call(app, "GET", `/offers/${first.id}/versions/2/changes`, { token: as(ACTORS.buyerWithNda) })
      ).json()) as { changes: { field: string; from: unknown; to: unknown }[] };
      expect(changes.changes).toContainEqual({ field: "pricePence", from: 120_000_000, to: 125_000_000 });
      expect(changes.changes).toContainEqual({ field: "payment.earnOut.maxAmountPence", from: 15_000_000, to: null });
    });

    it("refuses acceptance until an admin records the buyer's due diligence, then accepts and puts the other offer on hold", async () => {
      const accept = () =>
        call(app, "POST", `/offers/${first.id}/accept`, {
          token: as(ACTORS.buyerWithNda),
          headers: { "if-match": '"2"' },
        });
      // The seed records due diligence on every buyer: this one's is withdrawn for the test.
      await db.prisma.buyerDueDiligence.delete({ where: { buyerId: stableId("buyer-1") } });
      const refused = await accept();
      expect(refused.status).toBe(409);
      expect((await problemOf(refused)).code).toBe("buyer_due_diligence_required");

      const buyerId = stableId("buyer-1");
      const recorded = await call(app, "PUT", `/admin/users/${buyerId}/due-diligence`, {
        token: as(ACTORS.admin),
        body: {
          identityMethod: "CERTIFIED_DOCUMENTS",
          identityCheckedAt: "2026-11-20T09:30:00Z",
          sourceOfFunds: "Proceeds of the sale of Bradshaw IT Ltd, completion statement seen",
          riskRating: "STANDARD",
        },
      });
      expect(recorded.status).toBe(200);
      const future = await call(app, "PUT", `/admin/users/${buyerId}/due-diligence`, {
        token: as(ACTORS.admin),
        body: {
          identityMethod: "IN_PERSON",
          identityCheckedAt: "2027-01-01T00:00:00Z",
          sourceOfFunds: "x",
          riskRating: "LOW",
        },
      });
      expect((await problemOf(future)).errors?.map((error) => error.field)).toEqual(["identityCheckedAt"]);

      const accepted = await accept();
      expect(accepted.status).toBe(200);
      const body = (await accepted.json()) as OfferBody;
      expect(body).toMatchObject({ status: "ACCEPTED", turn: null });
      expect(body.dealId).not.toBeNull();

      const held = (await (
        await call(app, "GET", `/offers/${second.id}`, { token: as(ACTORS.buyerWithoutNda) })
      ).json()) as OfferBody & { versions: unknown[] };
      expect(held).toMatchObject({ status: "AWAITING_SELLER", frozen: true, dealId: null });
      expect(JSON.stringify(held)).not.toContain(first.id);
      const answer = await call(app, "POST", `/offers/${second.id}/accept`, {
        token: as(ACTORS.ownerSeller),
        headers: { "if-match": '"1"' },
      });
      expect((await problemOf(answer)).code).toBe("offer_frozen");
      const notifications = (await (
        await call(app, "GET", "/me/notifications", { token: as(ACTORS.buyerWithoutNda) })
      ).json()) as { items: { title: string; body: string; link: string }[] };
      const aboutOffers = notifications.items.filter((item) => item.link.startsWith("/offers/"));
      expect(aboutOffers.map((item) => item.link)).toEqual([`/offers/${second.id}`]);
      expect(aboutOffers[0]!.body).toContain("agreed terms with another party");
      expect(JSON.stringify(notifications)).not.toMatch(/Bradshaw|tom\.bradshaw/i);
    });
  });
});
