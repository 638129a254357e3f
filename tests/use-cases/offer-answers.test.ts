// Answering offers, the paths the negotiation story does not take (issue 28): a rejection with
// its reason, two rejections or withdrawals at the same moment, comparing versions that do not
// pair up. On the seeded bidders of business-1 (tests/support/seed-actors.ts).
import { describe, expect, it } from "vitest";
import { compareOfferVersions } from "../../functions/offers/get-offer.ts";
import { makeOffer } from "../../functions/offers/make-offer.ts";
import { rejectOffer } from "../../functions/offers/reject-offer.ts";
import { withdrawOffer } from "../../functions/offers/withdraw-offer.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { cashOfferTerms } from "../support/offer-terms.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { attempt, codeOf, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const listingId = BUSINESS.confidentialPublished;

async function freshOffer(pricePence: number) {
  const buyer = await seeded.as(ACTORS.buyerWithNda);
  return runForRequest(buyer, () => makeOffer(seeded.deps, { listingId, terms: cashOfferTerms(pricePence) }, buyer));
}

describe("rejecting an offer", () => {
  it("ends it with the reason given (trimmed), tells the buyer, and marks the listing active", async () => {
    const offer = await freshOffer(90_000_000);
    await seeded.db.prisma.business.update({ where: { id: listingId }, data: { lastActivityAt: new Date(0) } });
    const seller = await seeded.as(ACTORS.ownerSeller);
    const rejected = await runForRequest(seller, () =>
      rejectOffer(seeded.deps, { offerId: offer.id, ifMatch: '"1"', reason: "  Below our valuation  " }, seller),
    );
    expect(rejected).toMatchObject({
      status: "REJECTED",
      turn: null,
      rejectionReason: "Below our valuation",
      endedAt: TEST_NOW,
    });
    const stored = await seeded.db.prisma.offer.findUniqueOrThrow({ where: { id: offer.id } });
    expect(stored).toMatchObject({ status: "REJECTED", rejectionReason: "Below our valuation", endedAt: TEST_NOW });
    expect((await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: listingId } })).lastActivityAt).toEqual(
      TEST_NOW,
    );
    const told = await seeded.db.prisma.notification.findFirstOrThrow({
      where: { dedupeKey: `offer-rejected:${offer.id}` },
    });
    expect(told.userId).toBe((await seeded.as(ACTORS.buyerWithNda)).caller.id);
    expect(told.body).toContain("The seller rejected the offer");
  });

  it("of two rejections at the same moment (the seller and the advisor), one ends it and the other is told it has", async () => {
    const offer = await freshOffer(95_000_000);
    const seller = await seeded.as(ACTORS.ownerSeller);
    const advisor = await seeded.as(ACTORS.advisorOnDeal);
    const outcomes = await Promise.all(
      [seller, advisor].map((request) =>
        attempt(request, () => rejectOffer(seeded.deps, { offerId: offer.id, ifMatch: '"1"', reason: "No" }, request)),
      ),
    );
    expect(outcomes.map(codeOf).sort()).toEqual(["offer_ended", "succeeded"]);
    expect(outcomes.find((outcome) => codeOf(outcome) === "offer_ended")).toMatchObject({
      message: "The offer has been rejected.",
    });
  });

  it("of two withdrawals at the same moment, one withdraws and the other is told it has been", async () => {
    const offer = await freshOffer(96_000_000);
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const outcomes = await Promise.all(
      [1, 2].map(() => attempt(buyer, () => withdrawOffer(seeded.deps, { offerId: offer.id, ifMatch: '"1"' }, buyer))),
    );
    expect(outcomes.map(codeOf).sort()).toEqual(["offer_ended", "succeeded"]);
    expect(outcomes.find((outcome) => codeOf(outcome) === "offer_ended")).toMatchObject({
      message: "The offer has been withdrawn.",
    });
  });
});

describe("comparing versions", () => {
  it("has nothing before version 1, and no version past the latest", async () => {
    const offer = await freshOffer(97_000_000);
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    expect(
      await attempt(buyer, () => compareOfferVersions(seeded.deps, { offerId: offer.id, number: 1 }, buyer)),
    ).toMatchObject({
      code: "bad_request",
      message: "Version 1 is the first: there is nothing before it to compare with.",
    });
    expect(
      await attempt(buyer, () => compareOfferVersions(seeded.deps, { offerId: offer.id, number: 2 }, buyer)),
    ).toMatchObject({
      code: "not_found",
      message: "The offer has no version 2.",
    });
  });
});
