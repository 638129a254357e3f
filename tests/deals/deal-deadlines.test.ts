// Offers expire by the clock (issue 28): the dispatcher's deal deadlines, run at chosen times.
// A live offer expires at its open-until time, not a moment before, recorded as ending then
// however late the run; both sides are told once; a run twice does nothing more. An offer
// answered at the last moment is not expired under it.
import { describe, expect, it } from "vitest";
import { runDealDeadlines } from "../../functions/deals/run-deal-deadlines.ts";
import { getOffer } from "../../functions/offers/get-offer.ts";
import { makeOffer } from "../../functions/offers/make-offer.ts";
import { rejectOffer } from "../../functions/offers/reject-offer.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { cashOfferTerms } from "../support/offer-terms.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { requestFrom, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const DAY = 86_400_000;

describe("offers expire by the clock", () => {
  it("expires a live offer at its open-until time, tells both sides once, and leaves an answered one alone", async () => {
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const offer = await runForRequest(buyer, () =>
      makeOffer(
        seeded.deps,
        { listingId: BUSINESS.confidentialPublished, terms: cashOfferTerms(150_000_000, { openDays: 3 }) },
        buyer,
      ),
    );
    const openUntil = new Date(TEST_NOW.getTime() + 3 * DAY);
    const run = (at: Date) => runDealDeadlines({ prisma: seeded.db.appPrisma }, at);

    expect((await run(new Date(openUntil.getTime() - 1))).expired).toBe(0);
    // Before the job runs, the offer already reads as expired to its parties.
    const reader = await requestFrom(seeded.db.prisma, ACTORS.buyerWithNda, { receivedAt: openUntil });
    expect((await runForRequest(reader, () => getOffer(seeded.deps, { offerId: offer.id }, reader))).status).toBe(
      "EXPIRED",
    );
    // The job runs a day late: the offer still ended at its time.
    expect((await run(new Date(openUntil.getTime() + DAY))).expired).toBe(1);
    expect(await seeded.db.prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({
      status: "EXPIRED",
      endedAt: openUntil,
    });
    const told = await seeded.db.prisma.notification.findMany({ where: { dedupeKey: `offer-expired:${offer.id}` } });
    const emails = await seeded.db.prisma.user.findMany({ where: { id: { in: told.map((note) => note.userId) } } });
    expect(emails.map((user) => user.email).sort()).toEqual(
      [ACTORS.advisorOnDeal, ACTORS.buyerWithNda, ACTORS.ownerSeller].sort(),
    );
    expect((await run(new Date(openUntil.getTime() + 2 * DAY))).expired).toBe(0);

    // A second offer, rejected a moment before its time: the job leaves it as it was answered.
    const second = await runForRequest(buyer, () =>
      makeOffer(
        seeded.deps,
        { listingId: BUSINESS.confidentialPublished, terms: cashOfferTerms(160_000_000, { openDays: 1 }) },
        buyer,
      ),
    );
    const seller = await requestFrom(seeded.db.prisma, ACTORS.ownerSeller, {
      receivedAt: new Date(TEST_NOW.getTime() + DAY - 1),
    });
    await runForRequest(seller, () =>
      rejectOffer(seeded.deps, { offerId: second.id, ifMatch: '"1"', reason: "Too low" }, seller),
    );
    expect((await run(new Date(TEST_NOW.getTime() + 5 * DAY))).expired).toBe(0);
    expect((await seeded.db.prisma.offer.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("REJECTED");
  });
});
