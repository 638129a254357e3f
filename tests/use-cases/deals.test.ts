// A deal from acceptance to completion, as use cases (issue 28): both sign the heads of terms,
// exclusivity starts (the listing goes under offer, the other buyer's offer and deal room are on
// hold and they are told without names), one extension, reminders, release at the end by the
// clock, a second deal completes (the listing is sold, the other offer closed, a comparable kept).
// The second buyer is there throughout. Times move by giving requests and jobs their own "now".
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { recordBuyerDueDiligence } from "../../functions/admin/record-buyer-due-diligence.ts";
import { downloadDocument } from "../../functions/deal-rooms/download-document.ts";
import { listDocuments } from "../../functions/deal-rooms/list-documents.ts";
import { uploadDocument } from "../../functions/deal-rooms/upload-document.ts";
import { confirmCompletion } from "../../functions/deals/confirm-completion.ts";
import { downloadHeadsOfTerms } from "../../functions/deals/download-heads-of-terms.ts";
import { extendExclusivity } from "../../functions/deals/extend-exclusivity.ts";
import { fallThrough } from "../../functions/deals/fall-through.ts";
import { getDeal } from "../../functions/deals/get-deal.ts";
import { recordCompletion } from "../../functions/deals/record-completion.ts";
import { runDealDeadlines } from "../../functions/deals/run-deal-deadlines.ts";
import { signHeadsOfTerms } from "../../functions/deals/sign-heads-of-terms.ts";
import { acceptNda } from "../../functions/inquiries/accept-nda.ts";
import { respondToInquiry } from "../../functions/inquiries/respond-to-inquiry.ts";
import { changeListingStatus } from "../../functions/listings/change-listing-status.ts";
import { acceptOffer } from "../../functions/offers/accept-offer.ts";
import { getOffer } from "../../functions/offers/get-offer.ts";
import { makeOffer } from "../../functions/offers/make-offer.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { cashOfferTerms, shareOfferTerms } from "../support/offer-terms.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { attempt, codeOf, requestFrom, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const DAY = 86_400_000;
const at = (email: string, days = 0) =>
  requestFrom(seeded.db.prisma, email, { receivedAt: new Date(TEST_NOW.getTime() + days * DAY) });
const listingId = BUSINESS.confidentialPublished;
const FIRST = ACTORS.buyerWithNda;
const SECOND = ACTORS.buyerWithoutNda;
const FIRST_ROOM = stableId("inquiry-1:room");

async function userId(email: string) {
  return (await seeded.db.prisma.user.findFirstOrThrow({ where: { email } })).id;
}
async function notificationsOf(email: string) {
  return seeded.db.prisma.notification.findMany({
    where: { userId: await userId(email) },
    orderBy: { createdAt: "asc" },
  });
}
const listingStatus = async () =>
  (await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: listingId } })).status;

let firstOfferId: string;
let secondOfferId: string;
let dealId: string;
let sha256: string;

beforeAll(async () => {
  const seller = await at(ACTORS.ownerSeller);
  const inquiryId = stableId("inquiry-5");
  await runForRequest(seller, () => respondToInquiry(seeded.deps, { inquiryId, action: "accept" }, seller));
  const second = await at(SECOND);
  await runForRequest(second, () => acceptNda(seeded.deps, { inquiryId, ndaVersion: "2026-01" }, second));
  const admin = await at(ACTORS.admin);
  for (const email of [FIRST, SECOND]) {
    const record = {
      identityMethod: "ELECTRONIC" as const,
      identityCheckedAt: new Date(TEST_NOW.getTime() - DAY),
      sourceOfFunds: "Savings and a bank facility letter",
      riskRating: "LOW" as const,
    };
    const buyerId = await userId(email);
    await runForRequest(admin, () => recordBuyerDueDiligence(seeded.deps, { userId: buyerId, record }, admin));
  }
  const first = await at(FIRST);
  firstOfferId = (
    await runForRequest(first, () => makeOffer(seeded.deps, { listingId, terms: shareOfferTerms() }, first))
  ).id;
  // The second buyer's offer stays open 30 days: long enough to outlive the first deal.
  secondOfferId = (
    await runForRequest(second, () =>
      makeOffer(seeded.deps, { listingId, terms: cashOfferTerms(100_000_000, { openDays: 30 }) }, second),
    )
  ).id;
  const accepted = await runForRequest(seller, () =>
    acceptOffer(seeded.deps, { offerId: firstOfferId, ifMatch: '"1"' }, seller),
  );
  dealId = accepted.dealId!;
});

describe("signing the heads of terms", () => {
  it("lets both parties, the advisor and admins download them, with the stored hash; nobody else", async () => {
    for (const email of [FIRST, ACTORS.ownerSeller, ACTORS.advisorOnDeal, ACTORS.admin]) {
      const request = await at(email);
      const pdf = await runForRequest(request, () => downloadHeadsOfTerms(seeded.deps, { dealId }, request));
      expect(createHash("sha256").update(pdf.bytes).digest("hex")).toBe(pdf.sha256);
      sha256 = pdf.sha256;
    }
    for (const email of [SECOND, ACTORS.otherSeller, ACTORS.advisorOffDeal]) {
      const request = await at(email);
      expect(codeOf(await attempt(request, () => downloadHeadsOfTerms(seeded.deps, { dealId }, request)))).toBe(
        "not_found",
      );
      expect(codeOf(await attempt(request, () => getDeal(seeded.deps, { dealId }, request)))).toBe("not_found");
    }
  });

  it("refuses the advisor, and a signature on a document other than the one stored", async () => {
    const advisor = await at(ACTORS.advisorOnDeal);
    const sign = { dealId, fullName: "Harriet Cole", documentSha256: sha256 };
    expect(codeOf(await attempt(advisor, () => signHeadsOfTerms(seeded.deps, sign, advisor)))).toBe("forbidden");
    const buyer = await at(FIRST);
    const wrong = await attempt(buyer, () =>
      signHeadsOfTerms(seeded.deps, { ...sign, fullName: "Tom Bradshaw", documentSha256: "0".repeat(64) }, buyer),
    );
    expect(wrong).toMatchObject({ code: "validation_failed", extras: { fields: [{ field: "documentSha256" }] } });
  });

  it("records the first signature with its evidence and asks the other party; a second attempt is refused", async () => {
    const buyer = await requestFrom(seeded.db.prisma, FIRST, { ipAddress: "198.51.100.23", userAgent: "Firefox/140" });
    const signed = await runForRequest(buyer, () =>
      signHeadsOfTerms(seeded.deps, { dealId, fullName: " Tom Bradshaw ", documentSha256: sha256 }, buyer),
    );
    expect(signed.status).toBe("HEADS_OF_TERMS");
    expect(signed.headsOfTerms.signatures).toEqual([
      { party: "BUYER", fullName: "Tom Bradshaw", signedAt: TEST_NOW, documentSha256: sha256 },
    ]);
    const stored = await seeded.db.prisma.dealSignature.findFirstOrThrow({ where: { dealId } });
    expect(stored.consentText).toContain("sign them electronically");
    expect(stored.userAgent).toBe("Firefox/140");
    expect(stored.ipAddress).not.toContain("198.51.100.23");
    expect(seeded.deps.fieldCipher.decryptOptional("deal_signatures.ip_address", stored.ipAddress)).toBe(
      "198.51.100.23",
    );
    const told = (await notificationsOf(ACTORS.ownerSeller)).filter((n) => n.topic === "DEAL_PROGRESS");
    expect(told.map((n) => n.dedupeKey)).toContain(`heads-of-terms-signed:${dealId}:BUYER`);
    const again = await attempt(buyer, () =>
      signHeadsOfTerms(seeded.deps, { dealId, fullName: "Tom Bradshaw", documentSha256: sha256 }, buyer),
    );
    expect(again).toMatchObject({
      code: "invalid_transition",
      message: "You have signed these heads of terms already.",
    });
  });

  it("starts exclusivity with the second signature: under offer, the other buyer on hold and told without names", async () => {
    const seller = await at(ACTORS.ownerSeller);
    const deal = await runForRequest(seller, () =>
      signHeadsOfTerms(seeded.deps, { dealId, fullName: "David Hughes", documentSha256: sha256 }, seller),
    );
    expect(deal.status).toBe("EXCLUSIVE");
    expect(deal.exclusivity).toMatchObject({
      days: 60,
      startsAt: TEST_NOW,
      endsAt: new Date(TEST_NOW.getTime() + 60 * DAY),
    });
    expect(await listingStatus()).toBe("UNDER_OFFER");

    const second = await at(SECOND);
    const held = await runForRequest(second, () => getOffer(seeded.deps, { offerId: secondOfferId }, second));
    expect(held.frozen).toBe(true);
    const told = (await notificationsOf(SECOND)).filter((n) => n.dedupeKey.startsWith("exclusivity-elsewhere:"));
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain("entered exclusivity with another party");
    for (const note of await notificationsOf(SECOND)) {
      expect(JSON.stringify(note)).not.toMatch(/Bradshaw|tom\.bradshaw/i);
      expect(JSON.stringify(note)).not.toContain(dealId);
      expect(JSON.stringify(note)).not.toContain(firstOfferId);
    }
    // New offers wait for exclusivity to end; the seller cannot move the listing by hand.
    const manual = await attempt(seller, () =>
      changeListingStatus(seeded.deps, { businessId: listingId, status: "PUBLISHED" }, seller),
    );
    expect(codeOf(manual)).toBe("invalid_transition");
  });

  it("has the database refuse a second exclusivity on the listing, whatever the code does", async () => {
    const other = await seeded.db.prisma.deal.create({
      data: {
        businessId: listingId,
        offerId: secondOfferId,
        offerVersionId: (await seeded.db.prisma.offerVersion.findFirstOrThrow({ where: { offerId: secondOfferId } }))
          .id,
        buyerId: await userId(SECOND),
        sellerId: await userId(ACTORS.ownerSeller),
        status: "FELL_THROUGH",
        fellThroughAt: TEST_NOW,
        fellThroughReason: "test",
        headsOfTermsStorageKey: "deals/test/heads-of-terms-v1",
        headsOfTermsSha256: "a".repeat(64),
        exclusivityDays: 30,
      },
    });
    try {
      await expect(
        seeded.db.prisma.exclusivity.create({
          data: {
            dealId: other.id,
            businessId: listingId,
            startsAt: TEST_NOW,
            endsAt: new Date(TEST_NOW.getTime() + DAY),
          },
        }),
      ).rejects.toThrow(/Unique constraint/);
    } finally {
      await seeded.db.prisma.deal.delete({ where: { id: other.id } });
    }
  });

  it("pauses the other buyer's deal room: no downloads, nothing new listed or notified; the exclusive buyer's room is open", async () => {
    const seller = await at(ACTORS.ownerSeller, 1);
    const file = new File(["%PDF-1.7 leases"], "leases.pdf", { type: "application/pdf" });
    const SECOND_ROOM = (
      await seeded.db.prisma.dealRoom.findUniqueOrThrow({ where: { inquiryId: stableId("inquiry-5") } })
    ).id;
    const before = await seeded.db.prisma.document.findFirst({ where: { dealRoomId: SECOND_ROOM } });
    const added = await runForRequest(seller, () =>
      uploadDocument(seeded.deps, { dealRoomId: SECOND_ROOM, file }, seller),
    );
    const second = await at(SECOND, 1);
    const listed = await runForRequest(second, () => listDocuments(seeded.deps, { dealRoomId: SECOND_ROOM }, second));
    expect(listed.map((document) => document.id)).not.toContain(added.id);
    if (before) expect(listed.map((document) => document.id)).toContain(before.id);
    const download = await attempt(second, () =>
      downloadDocument(seeded.deps, { dealRoomId: SECOND_ROOM, documentId: added.id }, second),
    );
    expect(codeOf(download)).toBe("deal_room_paused");
    expect((await notificationsOf(SECOND)).some((n) => n.dedupeKey === `document:${added.id}`)).toBe(false);
    // The exclusive buyer's room works as before.
    const inFirstRoom = await runForRequest(seller, () =>
      uploadDocument(seeded.deps, { dealRoomId: FIRST_ROOM, file }, seller),
    );
    const first = await at(FIRST, 1);
    const got = await runForRequest(first, () =>
      downloadDocument(seeded.deps, { dealRoomId: FIRST_ROOM, documentId: inFirstRoom.id }, first),
    );
    expect("bytes" in got || "url" in got).toBe(true);
  });
});

describe("exclusivity by the clock", () => {
  it("agrees one extension when both sign, even signing at the same moment; never a second", async () => {
    const buyer = await at(FIRST, 2);
    const seller = await at(ACTORS.ownerSeller, 2);
    const outcomes = await Promise.all([
      attempt(buyer, () => extendExclusivity(seeded.deps, { dealId, days: 14, fullName: "Tom Bradshaw" }, buyer)),
      attempt(seller, () => extendExclusivity(seeded.deps, { dealId, days: 14, fullName: "David Hughes" }, seller)),
    ]);
    expect(outcomes.map(codeOf)).toEqual(["succeeded", "succeeded"]);
    const deal = await runForRequest(buyer, () => getDeal(seeded.deps, { dealId }, buyer));
    expect(deal.exclusivity.endsAt).toEqual(new Date(TEST_NOW.getTime() + 74 * DAY));
    expect(deal.exclusivity.extension).toMatchObject({
      days: 14,
      signedBy: expect.arrayContaining(["BUYER", "SELLER"]),
    });
    const signatures = await seeded.db.prisma.dealSignature.findMany({
      where: { dealId, purpose: "EXCLUSIVITY_EXTENSION" },
    });
    expect(new Set(signatures.map((signature) => signature.documentSha256)).size).toBe(1);
    const more = await attempt(buyer, () =>
      extendExclusivity(seeded.deps, { dealId, days: 7, fullName: "Tom Bradshaw" }, buyer),
    );
    expect(more).toMatchObject({
      code: "invalid_transition",
      message: "Exclusivity can be extended once, and it has been.",
    });
  });

  it("reminds both sides 14, 7 and 1 day before the end, each once", async () => {
    const end = TEST_NOW.getTime() + 74 * DAY;
    const run = (msBeforeEnd: number) => runDealDeadlines({ prisma: seeded.db.appPrisma }, new Date(end - msBeforeEnd));
    expect((await run(15 * DAY)).reminded).toBe(0);
    expect((await run(14 * DAY)).reminded).toBe(1);
    expect((await run(13 * DAY)).reminded).toBe(0);
    // Missed the 7-day run: the 1-day reminder alone.
    expect((await run(DAY / 2)).reminded).toBe(1);
    expect((await run(DAY / 4)).reminded).toBe(0);
    for (const email of [FIRST, ACTORS.ownerSeller, ACTORS.advisorOnDeal]) {
      const keys = (await notificationsOf(email))
        .map((n) => n.dedupeKey)
        .filter((key) => key.startsWith("exclusivity-ending:"));
      expect(keys).toEqual([`exclusivity-ending:${dealId}:14`, `exclusivity-ending:${dealId}:1`]);
    }
  });

  it("releases it at its end: the deal ends and the listing is back on the market; an offer on hold past its time has expired", async () => {
    const end = new Date(TEST_NOW.getTime() + 74 * DAY);
    expect((await runDealDeadlines({ prisma: seeded.db.appPrisma }, new Date(end.getTime() - 1))).released).toBe(0);
    const result = await runDealDeadlines({ prisma: seeded.db.appPrisma }, end);
    expect(result.released).toBe(1);
    const deal = await seeded.db.prisma.deal.findUniqueOrThrow({
      where: { id: dealId },
      include: { exclusivity: true },
    });
    expect(deal.status).toBe("FELL_THROUGH");
    expect(deal.exclusivity).toMatchObject({ endedAt: end, endReason: "EXPIRED" });
    expect(await listingStatus()).toBe("PUBLISHED");
    // The second offer was open 30 days from TEST_NOW: on hold, it expired at its time (recorded
    // as ending then, by the run on day 60), so there is nothing to make answerable again.
    const second = await seeded.db.prisma.offer.findUniqueOrThrow({ where: { id: secondOfferId } });
    expect(second).toMatchObject({
      status: "EXPIRED",
      frozenAt: null,
      endedAt: new Date(TEST_NOW.getTime() + 30 * DAY),
    });
    const keys = (await notificationsOf(SECOND)).map((n) => n.dedupeKey);
    expect(keys).toContain(`offer-expired:${secondOfferId}`);
    expect(keys.filter((key) => key.startsWith("offer-answerable-again:"))).toEqual([]);
    expect((await runDealDeadlines({ prisma: seeded.db.appPrisma }, end)).released).toBe(0);
  });
});

describe("a second deal to completion", () => {
  let secondDealId: string;
  let thirdOfferId: string;

  it("is accepted and signed on the listing back on the market, with the first buyer's new offer on hold", async () => {
    const second = await at(SECOND, 75);
    const offer = await runForRequest(second, () =>
      makeOffer(
        seeded.deps,
        { listingId, terms: cashOfferTerms(105_000_000, { targetCompletionDate: "2027-03-31" }) },
        second,
      ),
    );
    const first = await at(FIRST, 75);
    thirdOfferId = (
      await runForRequest(first, () =>
        makeOffer(
          seeded.deps,
          { listingId, terms: cashOfferTerms(99_000_000, { openDays: 30, targetCompletionDate: "2027-03-31" }) },
          first,
        ),
      )
    ).id;
    const seller = await at(ACTORS.ownerSeller, 75);
    secondDealId = (
      await runForRequest(seller, () => acceptOffer(seeded.deps, { offerId: offer.id, ifMatch: '"1"' }, seller))
    ).dealId!;
    const hash = (await seeded.db.prisma.deal.findUniqueOrThrow({ where: { id: secondDealId } })).headsOfTermsSha256;
    await runForRequest(second, () =>
      signHeadsOfTerms(seeded.deps, { dealId: secondDealId, fullName: "Laura Chen", documentSha256: hash }, second),
    );
    await runForRequest(seller, () =>
      signHeadsOfTerms(seeded.deps, { dealId: secondDealId, fullName: "David Hughes", documentSha256: hash }, seller),
    );
    expect(await listingStatus()).toBe("UNDER_OFFER");
  });

  it("records completion on the seller's side only, dated no later than today, with a consideration that adds up", async () => {
    const buyer = await at(SECOND, 80);
    const consideration = {
      pricePence: 102_000_000,
      payment: { cashAtCompletionPence: 92_000_000, deferred: [{ amountPence: 10_000_000, monthsAfterCompletion: 6 }] },
    };
    const input = { dealId: secondDealId, completedOn: "2027-02-13", consideration };
    expect(codeOf(await attempt(buyer, () => recordCompletion(seeded.deps, input, buyer)))).toBe("forbidden");
    const advisor = await at(ACTORS.advisorOnDeal, 80);
    const future = await attempt(advisor, () =>
      recordCompletion(seeded.deps, { ...input, completedOn: "2027-02-14" }, advisor),
    );
    expect(future).toMatchObject({ code: "validation_failed", extras: { fields: [{ field: "completedOn" }] } });
    const short = await attempt(advisor, () =>
      recordCompletion(
        seeded.deps,
        { ...input, consideration: { ...consideration, pricePence: 103_000_000 } },
        advisor,
      ),
    );
    expect((short as { extras: { fields: { field: string }[] } }).extras.fields.map((f) => f.field)).toEqual([
      "payment",
    ]);
    const recorded = await runForRequest(advisor, () => recordCompletion(seeded.deps, input, advisor));
    expect(recorded).toMatchObject({
      status: "COMPLETION_RECORDED",
      completion: { completedOn: "2027-02-13", consideration },
    });
  });

  it("completes when the buyer confirms: sold, the other offer closed with a notice, rooms closed to others, a comparable kept", async () => {
    const buyer = await at(SECOND, 81);
    const done = await runForRequest(buyer, () => confirmCompletion(seeded.deps, { dealId: secondDealId }, buyer));
    expect(done.status).toBe("COMPLETED");
    expect(await listingStatus()).toBe("SOLD");
    const closed = await seeded.db.prisma.offer.findUniqueOrThrow({ where: { id: thirdOfferId } });
    expect(closed).toMatchObject({
      status: "REJECTED",
      rejectionReason: "The business has been sold to another party.",
    });
    expect((await notificationsOf(FIRST)).some((n) => n.dedupeKey === `offer-closed-by-sale:${thirdOfferId}`)).toBe(
      true,
    );
    const firstInHisRoom = await seeded.db.prisma.dealRoomMember.findFirstOrThrow({
      where: { dealRoomId: FIRST_ROOM, userId: await userId(FIRST) },
    });
    expect(firstInHisRoom.revokedAt).not.toBeNull();
    const stillIn = await seeded.db.prisma.dealRoomMember.findMany({
      where: { dealRoom: { businessId: listingId }, revokedAt: null },
      select: { userId: true },
    });
    expect(new Set(stillIn.map((member) => member.userId))).toEqual(
      new Set([await userId(SECOND), await userId(ACTORS.ownerSeller), await userId(ACTORS.advisorOnDeal)]),
    );
    // The seed's completed deal left one; this deal adds the other.
    const comparables = await seeded.db.prisma.dealComparable.findMany({ where: { completedIn: "2027-02" } });
    expect(comparables).toHaveLength(1);
    expect(comparables[0]).toMatchObject({
      sicCode: "62020",
      region: "NORTH_WEST",
      sizeBand: "2M_TO_10M",
      dealType: "SHARE_PURCHASE",
      pricePence: 102_000_000n,
    });
    expect(JSON.stringify(comparables, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(listingId);
    // After completion nothing can end it.
    const late = await attempt(buyer, () =>
      fallThrough(seeded.deps, { dealId: secondDealId, reason: "changed my mind" }, buyer),
    );
    expect(codeOf(late)).toBe("invalid_transition");
  });
});
