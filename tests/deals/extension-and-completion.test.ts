// The one extension of exclusivity and completion's two steps (issue 28), the refusals the deal
// story does not meet: who may sign or record what, and when.
import { describe, expect, it } from "vitest";
import { confirmCompletion } from "../../functions/deals/confirm-completion.ts";
import { extendExclusivity } from "../../functions/deals/extend-exclusivity.ts";
import { fallThrough } from "../../functions/deals/fall-through.ts";
import { recordCompletion } from "../../functions/deals/record-completion.ts";
import { signHeadsOfTerms } from "../../functions/deals/sign-heads-of-terms.ts";
import { acceptOffer } from "../../functions/offers/accept-offer.ts";
import { makeOffer } from "../../functions/offers/make-offer.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { cashOfferTerms } from "../support/offer-terms.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { attempt, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const listingId = BUSINESS.confidentialPublished;
const DAY = 86_400_000;
const consideration = { pricePence: 150_000_000, payment: { cashAtCompletionPence: 150_000_000, deferred: [] } };

async function deal(signed: boolean) {
  const buyer = await seeded.as(ACTORS.buyerWithNda);
  const seller = await seeded.as(ACTORS.ownerSeller);
  const offer = await runForRequest(buyer, () =>
    makeOffer(seeded.deps, { listingId, terms: cashOfferTerms(150_000_000, { exclusivityDays: 30 }) }, buyer),
  );
  const dealId = (
    await runForRequest(seller, () => acceptOffer(seeded.deps, { offerId: offer.id, ifMatch: '"1"' }, seller))
  ).dealId!;
  if (signed) {
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

describe("extending exclusivity", () => {
  it("refuses before exclusivity, the advisor, a second proposal by the same side and other days than proposed", async () => {
    const early = await deal(false);
    expect(
      await attempt(early.buyer, () =>
        extendExclusivity(seeded.deps, { dealId: early.dealId, days: 10, fullName: "Tom" }, early.buyer),
      ),
    ).toMatchObject({
      code: "invalid_transition",
      message: "Exclusivity has not started, so it cannot be extended.",
    });
    // Clear the way for the next deal on the listing.
    await seeded.db.prisma.deal.update({
      where: { id: early.dealId },
      data: { status: "FELL_THROUGH", fellThroughAt: TEST_NOW, fellThroughReason: "test" },
    });

    const { dealId, buyer, seller } = await deal(true);
    const advisor = await seeded.as(ACTORS.advisorOnDeal);
    expect(
      await attempt(advisor, () =>
        extendExclusivity(seeded.deps, { dealId, days: 10, fullName: "Harriet Cole" }, advisor),
      ),
    ).toMatchObject({
      code: "forbidden",
      message: "Only the buyer and the seller sign an extension.",
    });
    expect(
      await attempt(buyer, () => extendExclusivity(seeded.deps, { dealId, days: 121, fullName: "Tom" }, buyer)),
    ).toMatchObject({
      code: "invalid_transition",
      message: "An extension is 1 to 120 days.",
    });
    const proposed = await runForRequest(buyer, () =>
      extendExclusivity(seeded.deps, { dealId, days: 10, fullName: "Tom Bradshaw" }, buyer),
    );
    expect(proposed.exclusivity).toMatchObject({
      endsAt: new Date(TEST_NOW.getTime() + 30 * DAY),
      extension: { days: 10, proposedBy: "BUYER", signedBy: ["BUYER"] },
      extendedAt: null,
    });
    const told = await seeded.db.prisma.notification.findFirstOrThrow({
      where: { dedupeKey: `extension-proposed:${dealId}` },
    });
    expect(told.userId).toBe(seller.caller.id);
    expect(
      await attempt(buyer, () => extendExclusivity(seeded.deps, { dealId, days: 10, fullName: "Tom" }, buyer)),
    ).toMatchObject({
      code: "invalid_transition",
      message: "You proposed 10 days already; the other side has not signed yet.",
    });
    expect(
      await attempt(seller, () => extendExclusivity(seeded.deps, { dealId, days: 14, fullName: "David" }, seller)),
    ).toMatchObject({
      code: "conflict",
      message: "The other side proposed an extension of 10 days: sign 10 days, or agree another with them first.",
    });
    const agreed = await runForRequest(seller, () =>
      extendExclusivity(seeded.deps, { dealId, days: 10, fullName: "David Hughes" }, seller),
    );
    expect(agreed.exclusivity).toMatchObject({ endsAt: new Date(TEST_NOW.getTime() + 40 * DAY), extendedAt: TEST_NOW });
    const signatures = await seeded.db.prisma.dealSignature.findMany({
      where: { dealId, purpose: "EXCLUSIVITY_EXTENSION" },
    });
    expect(signatures.map((signature) => signature.consentText.includes("is extended by 10 days"))).toEqual([
      true,
      true,
    ]);
    // Clear the listing for the next deal.
    await runForRequest(seller, () => fallThrough(seeded.deps, { dealId, reason: "Clearing the listing" }, seller));
  });
});

describe("completion", () => {
  it("is recorded by the seller's side in exclusivity only, and confirmed by the buyer only after that", async () => {
    const { dealId, buyer, seller } = await deal(false);
    const input = { dealId, completedOn: "2026-11-25", consideration };
    expect(await attempt(seller, () => recordCompletion(seeded.deps, input, seller))).toMatchObject({
      code: "invalid_transition",
      message: "The deal is waiting for the heads of terms to be signed.",
    });
    expect(await attempt(buyer, () => recordCompletion(seeded.deps, input, buyer))).toMatchObject({
      code: "forbidden",
      message: "The seller, or the listing's advisor, records completion.",
    });
    const admin = await seeded.as(ACTORS.admin);
    expect(await attempt(admin, () => recordCompletion(seeded.deps, input, admin))).toMatchObject({
      code: "forbidden",
      message: "The seller, or the listing's advisor, records completion.",
    });
    expect(await attempt(buyer, () => confirmCompletion(seeded.deps, { dealId }, buyer))).toMatchObject({
      code: "invalid_transition",
      message: "The deal is waiting for the heads of terms to be signed.",
    });
    expect(await attempt(seller, () => confirmCompletion(seeded.deps, { dealId }, seller))).toMatchObject({
      code: "forbidden",
      message: "The buyer confirms completion.",
    });
    const early = await attempt(seller, () =>
      recordCompletion(seeded.deps, { ...input, completedOn: "2026-11-24" }, seller),
    );
    expect(early).toMatchObject({ code: "invalid_transition" });
  });

  it("dates completion on or after the heads of terms; once recorded, it is recorded once", async () => {
    await seeded.db.prisma.deal.updateMany({
      where: { businessId: listingId, status: "HEADS_OF_TERMS" },
      data: { status: "FELL_THROUGH", fellThroughAt: TEST_NOW, fellThroughReason: "test" },
    });
    const { dealId, seller, buyer } = await deal(true);
    const before = await attempt(seller, () =>
      recordCompletion(seeded.deps, { dealId, completedOn: "2026-11-24", consideration }, seller),
    );
    expect(before).toMatchObject({
      code: "validation_failed",
      extras: {
        fields: [{ field: "completedOn", message: "cannot be before the heads of terms were agreed (2026-11-25)" }],
      },
    });
    const recorded = await runForRequest(seller, () =>
      recordCompletion(seeded.deps, { dealId, completedOn: "2026-11-25", consideration }, seller),
    );
    expect(recorded).toMatchObject({
      status: "COMPLETION_RECORDED",
      completion: { completedOn: "2026-11-25", recordedAt: TEST_NOW, confirmedAt: null },
    });
    const stored = await seeded.db.prisma.deal.findUniqueOrThrow({ where: { id: dealId } });
    expect(stored.completionRecordedById).toBe(seller.caller.id);
    const told = await seeded.db.prisma.notification.findFirstOrThrow({
      where: { dedupeKey: `completion-recorded:${dealId}` },
    });
    expect(told.userId).toBe(buyer.caller.id);
    expect(
      await attempt(seller, () =>
        recordCompletion(seeded.deps, { dealId, completedOn: "2026-11-25", consideration }, seller),
      ),
    ).toMatchObject({
      code: "invalid_transition",
      message: "The deal is waiting for the buyer to confirm completion.",
    });
    const confirmed = await runForRequest(buyer, () => confirmCompletion(seeded.deps, { dealId }, buyer));
    expect(confirmed).toMatchObject({
      status: "COMPLETED",
      completion: { confirmedAt: TEST_NOW },
      exclusivity: { endReason: "COMPLETED", endedAt: TEST_NOW },
    });
    expect(await attempt(buyer, () => confirmCompletion(seeded.deps, { dealId }, buyer))).toMatchObject({
      code: "invalid_transition",
      message: "The deal has completed.",
    });
  });
});
