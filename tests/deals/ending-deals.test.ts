// Ending a deal before completion (issue 28): the seller ends exclusivity early only with a
// reason, the buyer withdraws, either side says it has fallen through. Each time exclusivity ends,
// the listing is back on the market, offers on hold can be answered again, and everyone on the
// deal is told why.
import { describe, expect, it } from "vitest";
import { endExclusivityEarly } from "../../functions/deals/end-exclusivity-early.ts";
import { fallThrough } from "../../functions/deals/fall-through.ts";
import { signHeadsOfTerms } from "../../functions/deals/sign-heads-of-terms.ts";
import { acceptOffer } from "../../functions/offers/accept-offer.ts";
import { makeOffer } from "../../functions/offers/make-offer.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { cashOfferTerms } from "../support/offer-terms.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { attempt, codeOf, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const listingId = BUSINESS.confidentialPublished;

/** A deal on business-1 from a fresh offer by the buyer with the NDA; signed by both when `exclusive`. */
async function dealOnBusinessOne(exclusive: boolean) {
  const buyer = await seeded.as(ACTORS.buyerWithNda);
  const seller = await seeded.as(ACTORS.ownerSeller);
  const offer = await runForRequest(buyer, () =>
    makeOffer(seeded.deps, { listingId, terms: cashOfferTerms(150_000_000) }, buyer),
  );
  const dealId = (
    await runForRequest(seller, () => acceptOffer(seeded.deps, { offerId: offer.id, ifMatch: '"1"' }, seller))
  ).dealId!;
  if (exclusive) {
    const { headsOfTermsSha256: documentSha256 } = await seeded.db.prisma.deal.findUniqueOrThrow({
      where: { id: dealId },
    });
    await runForRequest(buyer, () =>
      signHeadsOfTerms(seeded.deps, { dealId, fullName: "Tom Bradshaw", documentSha256 }, buyer),
    );
    await runForRequest(seller, () =>
      signHeadsOfTerms(seeded.deps, { dealId, fullName: "David Hughes", documentSha256 }, seller),
    );
  }
  return { dealId, buyer, seller };
}

const listingStatus = async () =>
  (await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: listingId } })).status;
const notesAbout = (dealId: string) =>
  seeded.db.prisma.notification.findMany({ where: { dedupeKey: `deal-fell-through:${dealId}` } });

describe("ending exclusivity early", () => {
  it("is refused before exclusivity, to an admin, and to the seller without a reason", async () => {
    const { dealId, seller } = await dealOnBusinessOne(false);
    expect(
      await attempt(seller, () => endExclusivityEarly(seeded.deps, { dealId, reason: "Missed" }, seller)),
    ).toMatchObject({
      code: "invalid_transition",
      message: "Exclusivity has not started: the heads of terms are not signed by both sides.",
    });
    const admin = await seeded.as(ACTORS.admin);
    expect(await attempt(admin, () => endExclusivityEarly(seeded.deps, { dealId, reason: "x" }, admin))).toMatchObject({
      code: "forbidden",
      message: "Only the buyer and the seller's side can end exclusivity.",
    });
    await runForRequest(seller, () => fallThrough(seeded.deps, { dealId, reason: "Start again" }, seller));
  });

  it("by the seller's side, for a missed milestone: the deal ends, the listing is back, everyone is told why", async () => {
    const { dealId } = await dealOnBusinessOne(true);
    expect(await listingStatus()).toBe("UNDER_OFFER");
    const advisor = await seeded.as(ACTORS.advisorOnDeal);
    const blank = await attempt(advisor, () => endExclusivityEarly(seeded.deps, { dealId, reason: "   " }, advisor));
    expect(blank).toMatchObject({
      code: "invalid_transition",
      message: "The seller can end exclusivity early only with a reason, such as a missed milestone.",
    });
    const ended = await runForRequest(advisor, () =>
      endExclusivityEarly(seeded.deps, { dealId, reason: " Finance not in place by week 4 " }, advisor),
    );
    expect(ended).toMatchObject({
      status: "FELL_THROUGH",
      fellThrough: { at: TEST_NOW, reason: "Finance not in place by week 4" },
      exclusivity: { endedAt: TEST_NOW, endReason: "ENDED_BY_SELLER" },
    });
    expect(await listingStatus()).toBe("PUBLISHED");
    const told = await notesAbout(dealId);
    expect(told).toHaveLength(3);
    expect(told[0]!.body).toContain(`the seller's side ended exclusivity early ("Finance not in place by week 4").`);
    const again = await attempt(advisor, () => endExclusivityEarly(seeded.deps, { dealId, reason: "again" }, advisor));
    expect(again).toMatchObject({ code: "invalid_transition", message: "Exclusivity is no longer in force." });
  });

  it("by the buyer, with or without a reason", async () => {
    const { dealId, buyer } = await dealOnBusinessOne(true);
    const ended = await runForRequest(buyer, () => endExclusivityEarly(seeded.deps, { dealId }, buyer));
    expect(ended).toMatchObject({
      status: "FELL_THROUGH",
      fellThrough: { reason: "The buyer withdrew." },
      exclusivity: { endReason: "WITHDRAWN_BY_BUYER" },
    });
    const told = await notesAbout(dealId);
    expect(told[0]!.body).toContain("the buyer withdrew from exclusivity.");
    expect(await listingStatus()).toBe("PUBLISHED");

    const second = await dealOnBusinessOne(true);
    await runForRequest(second.buyer, () =>
      endExclusivityEarly(seeded.deps, { dealId: second.dealId, reason: "Survey found subsidence" }, second.buyer),
    );
    expect((await notesAbout(second.dealId))[0]!.body).toContain(
      'the buyer withdrew from exclusivity ("Survey found subsidence").',
    );
  });
});

describe("a deal falling through", () => {
  it("at heads of terms or in exclusivity, said by either side with a reason; not by an admin", async () => {
    const { dealId, seller } = await dealOnBusinessOne(true);
    const admin = await seeded.as(ACTORS.admin);
    expect(await attempt(admin, () => fallThrough(seeded.deps, { dealId, reason: "x" }, admin))).toMatchObject({
      code: "forbidden",
      message: "Only the buyer and the seller's side can end a deal.",
    });
    const ended = await runForRequest(seller, () =>
      fallThrough(seeded.deps, { dealId, reason: " Buyer's bank withdrew " }, seller),
    );
    expect(ended).toMatchObject({
      status: "FELL_THROUGH",
      fellThrough: { reason: "Buyer's bank withdrew" },
      exclusivity: { endReason: "FELL_THROUGH" },
    });
    expect((await notesAbout(dealId))[0]!.body).toContain(
      `the seller's side said it has fallen through ("Buyer's bank withdrew").`,
    );
    expect(codeOf(await attempt(seller, () => fallThrough(seeded.deps, { dealId, reason: "again" }, seller)))).toBe(
      "invalid_transition",
    );

    const early = await dealOnBusinessOne(false);
    const byBuyer = await runForRequest(early.buyer, () =>
      fallThrough(seeded.deps, { dealId: early.dealId, reason: "Changed my mind" }, early.buyer),
    );
    expect(byBuyer).toMatchObject({ status: "FELL_THROUGH", exclusivity: { endReason: null } });
    expect((await notesAbout(early.dealId))[0]!.body).toContain(
      'the buyer said it has fallen through ("Changed my mind").',
    );
  });
});
