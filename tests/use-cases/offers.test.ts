// Offers as use cases, without HTTP (issue 28): a buyer with a signed NDA offers, the sides
// counter in turn on immutable versions, one side accepts and the deal's heads of terms are made;
// every other offer goes on hold. A second buyer on the same listing is there throughout: they
// never see the first buyer's offer, its existence, or anything that names them.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { recordBuyerDueDiligence } from "../../functions/admin/record-buyer-due-diligence.ts";
import { acceptNda } from "../../functions/inquiries/accept-nda.ts";
import { respondToInquiry } from "../../functions/inquiries/respond-to-inquiry.ts";
import { acceptOffer } from "../../functions/offers/accept-offer.ts";
import { changedMeanwhile } from "../../functions/offers/answerable-offer.ts";
import { counterOffer } from "../../functions/offers/counter-offer.ts";
import { compareOfferVersions, getOffer } from "../../functions/offers/get-offer.ts";
import { listMyOffers } from "../../functions/offers/list-my-offers.ts";
import { makeOffer } from "../../functions/offers/make-offer.ts";
import { loadOfferFor } from "../../functions/offers/offer-access.ts";
import { getOfferBoard } from "../../functions/offers/offer-board.ts";
import { rejectOffer } from "../../functions/offers/reject-offer.ts";
import { withdrawOffer } from "../../functions/offers/withdraw-offer.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { cashOfferTerms, shareOfferTerms } from "../support/offer-terms.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { attempt, codeOf, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const as = (email: string) => seeded.as(email);
const listingId = BUSINESS.confidentialPublished;
const FIRST_BUYER = ACTORS.buyerWithNda;
const SECOND_BUYER = ACTORS.buyerWithoutNda;

async function userId(email: string) {
  return (await seeded.db.prisma.user.findFirstOrThrow({ where: { email } })).id;
}

async function recordDueDiligence(buyerEmail: string) {
  const admin = await as(ACTORS.admin);
  const record = {
    identityMethod: "ELECTRONIC" as const,
    identityCheckedAt: new Date(TEST_NOW.getTime() - 30 * 86_400_000),
    sourceOfFunds: "Bank statements showing the sale proceeds of a previous business",
    riskRating: "STANDARD" as const,
  };
  const buyerId = await userId(buyerEmail);
  await runForRequest(admin, () => recordBuyerDueDiligence(seeded.deps, { userId: buyerId, record }, admin));
}

async function notificationsOf(email: string) {
  return seeded.db.prisma.notification.findMany({
    where: { userId: await userId(email) },
    orderBy: { createdAt: "asc" },
  });
}

beforeAll(async () => {
  // The second buyer's pending inquiry on business-1 is accepted and they sign the NDA, so two
  // buyers can bid on the same listing.
  const seller = await as(ACTORS.ownerSeller);
  const inquiryId = stableId("inquiry-5");
  await runForRequest(seller, () => respondToInquiry(seeded.deps, { inquiryId, action: "accept" }, seller));
  const second = await as(SECOND_BUYER);
  await runForRequest(second, () => acceptNda(seeded.deps, { inquiryId, ndaVersion: "2026-01" }, second));
});

describe("makeOffer", () => {
  it("refuses the seller's side, buyers without a signed NDA, and listings not taking offers", async () => {
    const seller = await as(ACTORS.ownerSeller);
    const advisor = await as(ACTORS.advisorOnDeal);
    const terms = shareOfferTerms();
    for (const request of [seller, advisor]) {
      expect(codeOf(await attempt(request, () => makeOffer(seeded.deps, { listingId, terms }, request)))).toBe(
        "own_listing",
      );
    }
    const noNda = await as(FIRST_BUYER);
    const elsewhere = await attempt(noNda, () =>
      makeOffer(seeded.deps, { listingId: BUSINESS.openPublished, terms }, noNda),
    );
    expect(codeOf(elsewhere)).toBe("nda_required");
    // A draft the buyer cannot see answers exactly as a public listing they have no NDA for.
    const draft = await attempt(noNda, () => makeOffer(seeded.deps, { listingId: BUSINESS.draft, terms }, noNda));
    expect(draft).toMatchObject({ code: "nda_required", message: (elsewhere as Error).message });
    const unknown = await attempt(noNda, () =>
      makeOffer(seeded.deps, { listingId: "00000000-0000-4000-8000-000000000000", terms }, noNda),
    );
    expect(codeOf(unknown)).toBe("not_found");

    await seeded.db.prisma.business.update({ where: { id: listingId }, data: { status: "SOLD" } });
    try {
      expect(await attempt(noNda, () => makeOffer(seeded.deps, { listingId, terms }, noNda))).toMatchObject({
        code: "listing_not_open_for_offers",
        message: "The listing has been sold.",
      });
    } finally {
      await seeded.db.prisma.business.update({ where: { id: listingId }, data: { status: "PUBLISHED" } });
    }
  });

  it("refuses terms that break the rules, naming every field and the shortfall", async () => {
    const buyer = await as(FIRST_BUYER);
    const terms = shareOfferTerms({ pricePence: 125_000_000, exclusivityDays: 121 });
    const refused = await attempt(buyer, () => makeOffer(seeded.deps, { listingId, terms }, buyer));
    expect(codeOf(refused)).toBe("validation_failed");
    const fields = (refused as { extras: { fields: { field: string; message: string }[] } }).extras.fields;
    expect(fields.map((field) => field.field)).toEqual(expect.arrayContaining(["payment", "exclusivityDays"]));
    expect(fields.find((field) => field.field === "payment")?.message).toContain("£50,000 less than the price");
    expect(await seeded.db.prisma.offer.count({ where: { businessId: listingId } })).toBe(0);
  });
});

describe("makeOffer, each refusal in its own words", () => {
  it("names a missing listing, the seller's side, and a buyer without a signed NDA (accepted inquiry or not)", async () => {
    const buyer = await as(FIRST_BUYER);
    const terms = shareOfferTerms();
    const missing = await attempt(buyer, () =>
      makeOffer(seeded.deps, { listingId: "00000000-0000-4000-8000-000000000000", terms }, buyer),
    );
    expect(missing).toMatchObject({ code: "not_found", message: "No such listing." });
    const seller = await as(ACTORS.ownerSeller);
    expect(await attempt(seller, () => makeOffer(seeded.deps, { listingId, terms }, seller))).toMatchObject({
      code: "own_listing",
      message: "The seller's side answers offers on this listing; it cannot make one.",
    });
    // business-4: Alistair Grant's inquiry is accepted but he has not signed the NDA.
    const accepted = await as("alistair.grant@highlandhospitality.co.uk");
    const unsigned = await attempt(accepted, () =>
      makeOffer(seeded.deps, { listingId: stableId("business-4"), terms }, accepted),
    );
    expect(unsigned).toMatchObject({
      code: "nda_required",
      message: "Make an inquiry, have it accepted and sign the NDA before making an offer.",
    });
  });

  it("takes offers on a listing under offer without exclusivity, refuses one in exclusivity and an archived one", async () => {
    // business-3 is in exclusivity with Sarah Whitfield (seeded); Mark Jones, another bidder, has a live offer there.
    const bidder = await as("emma.wilson@wilsonfamilyoffice.co.uk");
    const inExclusivity = await attempt(bidder, () =>
      makeOffer(seeded.deps, { listingId: BUSINESS.underOffer, terms: shareOfferTerms() }, bidder),
    );
    expect(inExclusivity).toMatchObject({
      code: "listing_in_exclusivity",
      message: "The seller has entered exclusivity on this listing; offers reopen when it ends.",
    });
    const buyer = await as(FIRST_BUYER);
    const other = stableId("business-5");
    await seeded.db.prisma.inquiry.create({
      data: {
        businessId: other,
        buyerId: buyer.caller.id,
        message: "x",
        status: "ACCEPTED",
        ndaAcceptedAt: TEST_NOW,
        ndaVersion: "2026-01",
      },
    });
    try {
      await seeded.db.prisma.business.update({ where: { id: other }, data: { status: "ARCHIVED" } });
      expect(
        await attempt(buyer, () => makeOffer(seeded.deps, { listingId: other, terms: shareOfferTerms() }, buyer)),
      ).toMatchObject({
        code: "listing_not_open_for_offers",
        message: "The listing is archived.",
      });
      await seeded.db.prisma.business.update({
        where: { id: other },
        data: { status: "UNDER_OFFER", lastActivityAt: new Date(0) },
      });
      // Two first offers at the same moment: one is made, the other told there is one already.
      const outcomes = await Promise.all(
        [1, 2].map(() =>
          attempt(buyer, () => makeOffer(seeded.deps, { listingId: other, terms: shareOfferTerms() }, buyer)),
        ),
      );
      expect(outcomes.map(codeOf).sort()).toEqual(["offer_already_live", "succeeded"]);
      expect(outcomes.find((outcome) => codeOf(outcome) !== "succeeded")).toMatchObject({
        message: "You already have a live offer on this listing: counter or withdraw it.",
      });
      const listingNow = await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: other } });
      expect(listingNow.lastActivityAt).toEqual(TEST_NOW);
    } finally {
      await seeded.db.prisma.offer.updateMany({
        where: { businessId: other, status: "AWAITING_SELLER" },
        data: { status: "WITHDRAWN", endedAt: TEST_NOW },
      });
      await seeded.db.prisma.business.update({ where: { id: other }, data: { status: "PUBLISHED" } });
    }
  });
});

describe("one negotiation, two buyers", () => {
  let firstOfferId: string;
  let secondOfferId: string;

  it("makes version 1 awaiting the seller, tells the seller's side, and allows one live offer per buyer", async () => {
    const buyer = await as(FIRST_BUYER);
    const made = await runForRequest(buyer, () =>
      makeOffer(seeded.deps, { listingId, terms: shareOfferTerms() }, buyer),
    );
    firstOfferId = made.id;
    expect(made).toMatchObject({
      status: "AWAITING_SELLER",
      turn: "SELLER",
      frozen: false,
      latest: { number: 1, proposedBy: "BUYER", openUntil: new Date(TEST_NOW.getTime() + 7 * 86_400_000) },
    });
    const again = await attempt(buyer, () => makeOffer(seeded.deps, { listingId, terms: shareOfferTerms() }, buyer));
    expect(codeOf(again)).toBe("offer_already_live");
    for (const email of [ACTORS.ownerSeller, ACTORS.advisorOnDeal]) {
      const received = (await notificationsOf(email)).filter((n) => n.topic === "OFFERS");
      expect(received.map((n) => n.link)).toEqual([`/offers/${made.id}`]);
      expect(received[0]!.body).toContain("£1,200,000");
    }

    const second = await as(SECOND_BUYER);
    const secondMade = await runForRequest(second, () =>
      makeOffer(seeded.deps, { listingId, terms: cashOfferTerms(110_000_000) }, second),
    );
    secondOfferId = secondMade.id;
    expect(secondMade.status).toBe("AWAITING_SELLER");
  });

  it("hides each buyer's offer from the other: not found, not listed, not on any board", async () => {
    const second = await as(SECOND_BUYER);
    const theirs = { offerId: firstOfferId, ifMatch: '"1"' };
    const outcomes = [
      await attempt(second, () => getOffer(seeded.deps, { offerId: firstOfferId }, second)),
      await attempt(second, () => compareOfferVersions(seeded.deps, { offerId: firstOfferId, number: 2 }, second)),
      await attempt(second, () => counterOffer(seeded.deps, { ...theirs, terms: shareOfferTerms() }, second)),
      await attempt(second, () => acceptOffer(seeded.deps, theirs, second)),
      await attempt(second, () => rejectOffer(seeded.deps, { ...theirs, reason: "no" }, second)),
      await attempt(second, () => withdrawOffer(seeded.deps, theirs, second)),
    ];
    // Exactly what an id that was never used gets.
    const never = await attempt(second, () =>
      getOffer(seeded.deps, { offerId: "00000000-0000-4000-8000-000000000000" }, second),
    );
    for (const outcome of outcomes)
      expect(outcome).toMatchObject({ code: "not_found", message: (never as Error).message });
    const mine = await runForRequest(second, () => listMyOffers(seeded.deps, {}, second));
    expect(mine.map((offer) => offer.id)).toEqual([secondOfferId]);
    const board = await attempt(second, () =>
      getOfferBoard(seeded.deps, { listingId, sort: "pricePence", direction: "desc" }, second),
    );
    expect(codeOf(board)).toBe("forbidden");
    // Row-level security says the same in the database: as the second buyer, one offer exists.
    const visible = await runForRequest(second, () => seeded.deps.prisma.offer.count());
    expect(visible).toBe(1);
  });

  it("lets an admin read an offer but not answer it; the code refuses an outsider even where the database would not", async () => {
    const admin = await as(ACTORS.admin);
    const read = await runForRequest(admin, () => getOffer(seeded.deps, { offerId: firstOfferId }, admin));
    expect(read.id).toBe(firstOfferId);
    const answer = await attempt(admin, () =>
      rejectOffer(seeded.deps, { offerId: firstOfferId, ifMatch: '"1"', reason: "x" }, admin),
    );
    expect(answer).toMatchObject({ code: "forbidden", message: "Admins can read offers but not answer them." });
    // Through the owner's client row-level security lets every row through: the code alone decides.
    const outsider = await as(ACTORS.otherSeller);
    await expect(loadOfferFor(seeded.db.prisma, firstOfferId, outsider.caller)).rejects.toMatchObject({
      code: "not_found",
      message: "No such offer.",
    });
    const asSeller = await loadOfferFor(seeded.db.prisma, firstOfferId, (await as(ACTORS.advisorOnDeal)).caller);
    expect(asSeller.side).toBe("SELLER");
  });

  it("puts both offers on the seller's board, sortable by every column", async () => {
    const seller = await as(ACTORS.ownerSeller);
    const board = await runForRequest(seller, () =>
      getOfferBoard(seeded.deps, { listingId, sort: "cashAtCompletionPercent", direction: "desc" }, seller),
    );
    expect(board.offers.map((row) => row.offerId)).toEqual([secondOfferId, firstOfferId]);
    expect(board.offers[0]).toMatchObject({ pricePence: 110_000_000, cashAtCompletionPercent: 100, conditions: 2 });
    expect(board.offers[1]).toMatchObject({
      pricePence: 120_000_000,
      cashAtCompletionPercent: 75,
      paidLaterPercent: 20.8,
    });
    const byPrice = await runForRequest(seller, () =>
      getOfferBoard(seeded.deps, { listingId, sort: "pricePence", direction: "desc" }, seller),
    );
    expect(byPrice.offers.map((row) => row.offerId)).toEqual([firstOfferId, secondOfferId]);
  });

  it("counters turn by turn on the version read: 428 without If-Match, 412 when stale, 409 out of turn", async () => {
    const seller = await as(ACTORS.ownerSeller);
    const buyer = await as(FIRST_BUYER);
    const counter = shareOfferTerms({
      pricePence: 130_000_000,
      payment: { ...shareOfferTerms().payment, cashAtCompletionPence: 100_000_000 },
      funding: [{ source: "OWN_CASH", amountPence: 100_000_000 }],
    });
    const without = await attempt(seller, () =>
      counterOffer(seeded.deps, { offerId: firstOfferId, ifMatch: undefined, terms: counter }, seller),
    );
    expect(codeOf(without)).toBe("precondition_required");
    const outOfTurn = await attempt(buyer, () =>
      counterOffer(seeded.deps, { offerId: firstOfferId, ifMatch: '"1"', terms: counter }, buyer),
    );
    expect(codeOf(outOfTurn)).toBe("not_your_turn");

    const countered = await runForRequest(seller, () =>
      counterOffer(seeded.deps, { offerId: firstOfferId, ifMatch: '"1"', terms: counter }, seller),
    );
    expect(countered).toMatchObject({
      status: "AWAITING_BUYER",
      turn: "BUYER",
      latest: { number: 2, proposedBy: "SELLER" },
    });
    const stale = await attempt(seller, () =>
      rejectOffer(seeded.deps, { offerId: firstOfferId, ifMatch: '"1"', reason: "x" }, seller),
    );
    expect(codeOf(stale)).toBe("version_conflict");

    const buyerNotes = (await notificationsOf(FIRST_BUYER)).filter((n) => n.topic === "OFFERS");
    expect(buyerNotes.at(-1)!.body).toContain("countered at £1,300,000");

    const compared = await runForRequest(buyer, () =>
      compareOfferVersions(seeded.deps, { offerId: firstOfferId, number: 2 }, buyer),
    );
    expect(compared.changes).toEqual(
      expect.arrayContaining([
        { field: "pricePence", from: 120_000_000, to: 130_000_000 },
        { field: "payment.cashAtCompletionPence", from: 90_000_000, to: 100_000_000 },
      ]),
    );
    const full = await runForRequest(buyer, () => getOffer(seeded.deps, { offerId: firstOfferId }, buyer));
    expect(full.versions.map((version) => [version.number, version.proposedBy, version.terms.pricePence])).toEqual([
      [2, "SELLER", 130_000_000],
      [1, "BUYER", 120_000_000],
    ]);
    // The first version is evidence: the database refuses to change it.
    await expect(
      seeded.db.prisma.offerVersion.updateMany({
        where: { offerId: firstOfferId, number: 1 },
        data: { pricePence: 1n },
      }),
    ).rejects.toThrow(/immutable/);
  });

  it("refuses acceptance until ExitMatch has a current due diligence record on the buyer", async () => {
    const buyer = await as(FIRST_BUYER);
    // The seed records due diligence on every buyer: this one's is withdrawn for the test.
    await seeded.db.prisma.buyerDueDiligence.delete({ where: { buyerId: buyer.caller.id } });
    const refused = await attempt(buyer, () =>
      acceptOffer(seeded.deps, { offerId: firstOfferId, ifMatch: '"2"' }, buyer),
    );
    expect(refused).toMatchObject({ code: "buyer_due_diligence_required" });
    expect((refused as Error).message).toContain("no due diligence record");
    const offer = await seeded.db.prisma.offer.findUniqueOrThrow({ where: { id: firstOfferId } });
    expect(offer.status).toBe("AWAITING_BUYER");
  });

  it("accepts: the deal's heads of terms are stored with their SHA-256; the other offer goes on hold, its buyer told without names", async () => {
    for (const email of [FIRST_BUYER, SECOND_BUYER]) {
      await recordDueDiligence(email);
    }
    const buyer = await as(FIRST_BUYER);
    const accepted = await runForRequest(buyer, () =>
      acceptOffer(seeded.deps, { offerId: firstOfferId, ifMatch: '"2"' }, buyer),
    );
    expect(accepted).toMatchObject({ status: "ACCEPTED", turn: null });
    const deal = await seeded.db.prisma.deal.findUniqueOrThrow({ where: { offerId: firstOfferId } });
    expect(accepted.dealId).toBe(deal.id);
    expect(deal).toMatchObject({ status: "HEADS_OF_TERMS", exclusivityDays: 60, buyerId: await userId(FIRST_BUYER) });
    const pdf = await seeded.deps.storage.get(deal.headsOfTermsStorageKey);
    expect(Buffer.from(pdf!).subarray(0, 5).toString()).toBe("%PDF-");
    expect(createHash("sha256").update(pdf!).digest("hex")).toBe(deal.headsOfTermsSha256);

    const second = await as(SECOND_BUYER);
    const held = await runForRequest(second, () => getOffer(seeded.deps, { offerId: secondOfferId }, second));
    expect(held).toMatchObject({ status: "AWAITING_SELLER", frozen: true });
    const seller = await as(ACTORS.ownerSeller);
    const frozen = await attempt(seller, () =>
      acceptOffer(seeded.deps, { offerId: secondOfferId, ifMatch: '"1"' }, seller),
    );
    expect(codeOf(frozen)).toBe("offer_frozen");
    const told = (await notificationsOf(SECOND_BUYER)).filter((n) => n.topic === "OFFERS");
    expect(told.map((n) => n.link)).toEqual([`/offers/${secondOfferId}`]);
    const firstName = (await seeded.db.prisma.user.findUniqueOrThrow({ where: { id: await userId(FIRST_BUYER) } }))
      .name;
    for (const note of await notificationsOf(SECOND_BUYER)) {
      expect(`${note.title} ${note.body} ${note.link}`).not.toContain(firstName);
      expect(`${note.title} ${note.body} ${note.link}`).not.toContain(firstOfferId);
      expect(`${note.title} ${note.body} ${note.link}`).not.toContain(deal.id);
    }
    // The buyer may still withdraw an offer on hold.
    const withdrawn = await runForRequest(second, () =>
      withdrawOffer(seeded.deps, { offerId: secondOfferId, ifMatch: '"1"' }, second),
    );
    expect(withdrawn.status).toBe("WITHDRAWN");
  });
});

describe("races, with real concurrency", () => {
  const racedListing = BUSINESS.openPublished;

  async function offerFrom(email: string, pricePence: number) {
    const buyer = await as(email);
    // An accepted inquiry with a signed NDA on the listing, as the inquiry use cases leave it.
    await seeded.db.prisma.inquiry.create({
      data: {
        businessId: racedListing,
        buyerId: buyer.caller.id,
        message: "Race test",
        status: "ACCEPTED",
        ndaVersion: "2026-01",
        ndaAcceptedAt: TEST_NOW,
      },
    });
    return runForRequest(buyer, () =>
      makeOffer(seeded.deps, { listingId: racedListing, terms: cashOfferTerms(pricePence) }, buyer),
    );
  }

  it("two acceptances of different offers on one listing at the same moment: exactly one deal", async () => {
    const first = await offerFrom(FIRST_BUYER, 50_000_000);
    const second = await offerFrom(SECOND_BUYER, 51_000_000);
    const seller = await as(ACTORS.otherSeller);
    const outcomes = await Promise.all(
      [first.id, second.id].map((offerId) =>
        attempt(seller, () => acceptOffer(seeded.deps, { offerId, ifMatch: '"1"' }, seller)),
      ),
    );
    expect(outcomes.map(codeOf).sort()).toEqual(["offer_frozen", "succeeded"]);
    const deals = await seeded.db.prisma.deal.findMany({ where: { businessId: racedListing } });
    expect(deals).toHaveLength(1);
    const statuses = await seeded.db.prisma.offer.findMany({
      where: { businessId: racedListing },
      select: { id: true, status: true, frozenAt: true },
    });
    const winner = statuses.find((offer) => offer.id === deals[0]!.offerId)!;
    const loser = statuses.find((offer) => offer.id !== deals[0]!.offerId)!;
    expect(winner.status).toBe("ACCEPTED");
    expect(loser).toMatchObject({ status: "AWAITING_SELLER", frozenAt: TEST_NOW });
  });

  it("a counter-offer and a withdrawal at the same moment: one wins, the other is told the offer changed", async () => {
    const seller = await as(ACTORS.otherSeller);
    const held = await seeded.db.prisma.offer.findFirstOrThrow({
      where: { businessId: racedListing, status: "AWAITING_SELLER" },
      include: { buyer: { select: { email: true } } },
    });
    // Thaw it, as the end of the other deal would.
    await seeded.db.prisma.offer.update({ where: { id: held.id }, data: { frozenAt: null } });
    const buyer = await as(held.buyer.email);
    const outcomes = await Promise.all([
      attempt(seller, () =>
        counterOffer(seeded.deps, { offerId: held.id, ifMatch: '"1"', terms: cashOfferTerms(60_000_000) }, seller),
      ),
      attempt(buyer, () => withdrawOffer(seeded.deps, { offerId: held.id, ifMatch: '"1"' }, buyer)),
    ]);
    const codes = outcomes.map(codeOf);
    expect(codes.filter((code) => code === "succeeded")).toHaveLength(1);
    expect(codes.filter((code) => code !== "succeeded")).toEqual([
      expect.stringMatching(/^(version_conflict|offer_ended)$/),
    ]);
    const after = await seeded.db.prisma.offer.findUniqueOrThrow({
      where: { id: held.id },
      include: { versions: true },
    });
    if (codes[0] === "succeeded") expect(after).toMatchObject({ status: "AWAITING_BUYER", latestVersion: 2 });
    else expect(after).toMatchObject({ status: "WITHDRAWN", latestVersion: 1 });
    expect(after.versions).toHaveLength(after.latestVersion);
  });
});

describe("answering an offer that has moved on", () => {
  // The seeded offers on business-3 (prisma/seed/seed-deals.ts): offer-2 on hold at version 3, offer-3 rejected.
  it("says an ended offer has ended, whoever answers, and that only the buyer withdraws", async () => {
    const seller = await as("rajesh.patel@patelprecision.co.uk");
    const rejected = stableId("offer-3");
    const answer = await attempt(seller, () =>
      counterOffer(seeded.deps, { offerId: rejected, ifMatch: '"1"', terms: shareOfferTerms() }, seller),
    );
    expect(answer).toMatchObject({ code: "offer_ended", message: "The offer has been rejected." });
    const onHold = stableId("offer-2");
    const byTheSeller = await attempt(seller, () =>
      withdrawOffer(seeded.deps, { offerId: onHold, ifMatch: '"3"' }, seller),
    );
    expect(byTheSeller).toMatchObject({ code: "forbidden", message: "Only the buyer can withdraw an offer." });
  });

  it("tells the loser of a race what the offer is now: on hold, ended, or at a new version (with its ETag)", async () => {
    const onHold = stableId("offer-2");
    const frozen = await changedMeanwhile(seeded.db.prisma, onHold, "ACCEPT", "SELLER", TEST_NOW);
    expect(frozen).toMatchObject({ code: "offer_frozen" });
    const withdrawn = await changedMeanwhile(seeded.db.prisma, onHold, "WITHDRAW", "BUYER", TEST_NOW);
    expect(withdrawn).toMatchObject({
      code: "version_conflict",
      message: "The offer changed while you answered it (now version 3); read it again.",
      extras: { headers: { ETag: '"3"' } },
    });
    const ended = await changedMeanwhile(seeded.db.prisma, stableId("offer-3"), "WITHDRAW", "BUYER", TEST_NOW);
    expect(ended).toMatchObject({ code: "offer_ended" });
  });
});
