// The inquiry lifecycle as use cases, without HTTP: a buyer inquires, the seller answers, the
// buyer accepts the NDA and joins the deal room. Each rule's denial beside its success.

import pg from "pg";
import { describe, expect, it } from "vitest";
import { addMember } from "../../functions/deal-rooms/add-member.ts";
import { revokeMember } from "../../functions/deal-rooms/revoke-member.ts";
import { acceptNda } from "../../functions/inquiries/accept-nda.ts";
import { getInquiry } from "../../functions/inquiries/get-inquiry.ts";
import { listInquiries } from "../../functions/inquiries/list-inquiries.ts";
import { respondToInquiry } from "../../functions/inquiries/respond-to-inquiry.ts";
import { sendInquiry } from "../../functions/inquiries/send-inquiry.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { waitForLockWaiters } from "../support/lock-waiters.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { attempt, codeOf, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const as = (email: string) => seeded.as(email);

describe("sendInquiry", () => {
  it("is for buyers only", async () => {
    const seller = await as(ACTORS.otherSeller);
    const input = { businessId: BUSINESS.openPublished, message: "Interested in your business, please call." };
    expect(await attempt(seller, () => sendInquiry(seeded.deps, input, seller))).toMatchObject({
      code: "forbidden",
      message: "Only buyers can inquire about a listing.",
    });
  });

  it("takes no inquiry on a listing under offer, and cannot see a draft at all", async () => {
    const buyer = await as(ACTORS.buyerWithoutNda);
    const message = "Interested in your business, please call.";
    const underOffer = await attempt(buyer, () =>
      sendInquiry(seeded.deps, { businessId: BUSINESS.underOffer, message }, buyer),
    );
    expect(underOffer).toMatchObject({
      code: "invalid_transition",
      message: "This listing is under offer; it takes no inquiries.",
    });
    const draft = await attempt(buyer, () => sendInquiry(seeded.deps, { businessId: BUSINESS.draft, message }, buyer));
    expect(codeOf(draft)).toBe("not_found");
  });

  it("records one live inquiry per buyer and listing, and refuses a second", async () => {
    const buyer = await as(ACTORS.buyerWithoutNda);
    const input = { businessId: BUSINESS.openPublished, message: "A first message about the café." };
    const sent = await runForRequest(buyer, () => sendInquiry(seeded.deps, input, buyer));
    expect(sent).toMatchObject({ status: "PENDING", buyerId: buyer.caller.id, message: input.message });
    expect(sent.buyer.email).toBe(ACTORS.buyerWithoutNda);
    expect(codeOf(await attempt(buyer, () => sendInquiry(seeded.deps, input, buyer)))).toBe("conflict");
    const listing = await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: BUSINESS.openPublished } });
    expect(listing.lastActivityAt).toEqual(buyer.receivedAt);
  });
});

describe("respondToInquiry, acceptNda", () => {
  it("lets only the seller accept, opens the deal room with the seller and advisor, then admits the buyer on the NDA", async () => {
    const buyer = await as(ACTORS.buyerWithoutNda);
    const seller = await as(ACTORS.ownerSeller);
    const pending = await runForRequest(buyer, () => listInquiries(seeded.deps, { status: "PENDING" }, buyer));
    const onListing = pending.find((inquiry) => inquiry.businessId === BUSINESS.confidentialPublished);
    expect(onListing?.status).toBe("PENDING");
    const inquiryId = onListing!.id;

    const byBuyer = await attempt(buyer, () => respondToInquiry(seeded.deps, { inquiryId, action: "accept" }, buyer));
    expect(codeOf(byBuyer)).toBe("forbidden");
    const ndaTooEarly = await attempt(buyer, () => acceptNda(seeded.deps, { inquiryId, ndaVersion: "2026-01" }, buyer));
    expect(codeOf(ndaTooEarly)).toBe("invalid_transition");

    const accepted = await runForRequest(seller, () =>
      respondToInquiry(seeded.deps, { inquiryId, action: "accept" }, seller),
    );
    expect(accepted.status).toBe("ACCEPTED");
    expect(accepted.dealRoom).not.toBeNull();
    const members = await seeded.db.prisma.dealRoomMember.findMany({
      where: { dealRoomId: accepted.dealRoom!.id },
      include: { user: { select: { email: true } } },
    });
    expect(members.map((member) => [member.user.email, member.role]).sort()).toEqual(
      [
        [ACTORS.advisorOnDeal, "ADVISOR"],
        [ACTORS.ownerSeller, "OWNER"],
      ].sort(),
    );
    const again = await attempt(seller, () => respondToInquiry(seeded.deps, { inquiryId, action: "decline" }, seller));
    expect(codeOf(again)).toBe("invalid_transition");

    const stranger = await as(ACTORS.otherSeller);
    const nda = { inquiryId, ndaVersion: "2026-01" };
    expect(codeOf(await attempt(stranger, () => acceptNda(seeded.deps, nda, stranger)))).toBe("not_found");
    expect(codeOf(await attempt(seller, () => acceptNda(seeded.deps, nda, seller)))).toBe("forbidden");
    const signed = await runForRequest(buyer, () => acceptNda(seeded.deps, nda, buyer));
    expect(signed.ndaVersion).toBe("2026-01");
    expect(signed.ndaAcceptedAt).toEqual(buyer.receivedAt);
    const stored = await seeded.db.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiryId } });
    expect(seeded.deps.fieldCipher.decryptOptional("inquiries.nda_accepted_ip", stored.ndaAcceptedIp)).toBe(
      buyer.ipAddress,
    );
    const buyerMember = await seeded.db.prisma.dealRoomMember.findUnique({
      where: { dealRoomId_userId: { dealRoomId: accepted.dealRoom!.id, userId: buyer.caller.id } },
    });
    expect(buyerMember?.role).toBe("BUYER");
    expect(codeOf(await attempt(buyer, () => acceptNda(seeded.deps, nda, buyer)))).toBe("invalid_transition");
  });

  it("lets the buyer withdraw a pending inquiry, and nobody else", async () => {
    const buyer = await as(ACTORS.buyerWithoutNda);
    const seller = await as(ACTORS.otherSeller);
    const [pending] = await runForRequest(buyer, () => listInquiries(seeded.deps, { status: "PENDING" }, buyer));
    const inquiryId = pending!.id;
    const bySeller = await attempt(seller, () =>
      respondToInquiry(seeded.deps, { inquiryId, action: "withdraw" }, seller),
    );
    expect(codeOf(bySeller)).toBe("forbidden");
    const withdrawn = await runForRequest(buyer, () =>
      respondToInquiry(seeded.deps, { inquiryId, action: "withdraw" }, buyer),
    );
    expect(withdrawn).toMatchObject({ status: "WITHDRAWN", respondedAt: buyer.receivedAt, dealRoom: null });
  });
});

describe("getInquiry, listInquiries", () => {
  it("show an inquiry to its buyer, the seller and the advisor, and hide it from everyone else", async () => {
    const buyer = await as(ACTORS.buyerWithNda);
    const [inquiry] = await runForRequest(buyer, () => listInquiries(seeded.deps, {}, buyer));
    const inquiryId = inquiry!.id;
    for (const email of [ACTORS.buyerWithNda, ACTORS.ownerSeller, ACTORS.advisorOnDeal, ACTORS.admin]) {
      const request = await as(email);
      expect((await runForRequest(request, () => getInquiry(seeded.deps, { inquiryId }, request))).id).toBe(inquiryId);
    }
    for (const email of [ACTORS.buyerWithoutNda, ACTORS.otherSeller, ACTORS.advisorOffDeal]) {
      const request = await as(email);
      expect(await attempt(request, () => getInquiry(seeded.deps, { inquiryId }, request))).toMatchObject({
        code: "not_found",
        message: "No such inquiry.",
      });
    }
    const buyerAgain = await as(ACTORS.buyerWithNda);
    expect(
      await attempt(buyerAgain, () => getInquiry(seeded.deps, { inquiryId: stableId("no-such-inquiry") }, buyerAgain)),
    ).toMatchObject({ code: "not_found", message: "No such inquiry." });
  });

  it("lists an advisor's inquiries on the listings they advise, and every inquiry to an admin", async () => {
    const advisor = await as(ACTORS.advisorOnDeal);
    const advised = await runForRequest(advisor, () => listInquiries(seeded.deps, {}, advisor));
    expect(advised.length).toBeGreaterThan(0);
    const advisedListings = await seeded.db.prisma.business.findMany({
      where: { advisor: { userId: advisor.caller.id } },
      select: { id: true },
    });
    const ids = new Set(advisedListings.map((business) => business.id));
    expect(advised.every((inquiry) => ids.has(inquiry.businessId))).toBe(true);
    expect(advised).toHaveLength(
      await seeded.db.prisma.inquiry.count({
        where: { deletedAt: null, business: { deletedAt: null, advisor: { userId: advisor.caller.id } } },
      }),
    );

    const admin = await as(ACTORS.admin);
    const all = await runForRequest(admin, () => listInquiries(seeded.deps, {}, admin));
    expect(all).toHaveLength(await seeded.db.prisma.inquiry.count({ where: { deletedAt: null } }));
  });

  it("lists a seller's inquiries on their own listings only", async () => {
    const seller = await as(ACTORS.ownerSeller);
    const inquiries = await runForRequest(seller, () => listInquiries(seeded.deps, {}, seller));
    expect(inquiries.length).toBeGreaterThan(0);
    const sellers = await seeded.db.prisma.business.findMany({
      where: { id: { in: inquiries.map((inquiry) => inquiry.businessId) } },
      select: { sellerId: true },
    });
    expect(new Set(sellers.map((business) => business.sellerId))).toEqual(new Set([seller.caller.id]));
  });
});

describe("acceptNda: its rules one by one", () => {
  // Seeded: buyer-5's inquiry on business-4 is accepted, NDA not yet; buyer-3's on business-2 is pending.
  const ACCEPTED_WITHOUT_NDA = { inquiryId: stableId("inquiry-3"), buyer: "alistair.grant@highlandhospitality.co.uk" };
  const PENDING = { inquiryId: stableId("inquiry-4"), buyer: "owen.davies@gmail.example", seller: ACTORS.otherSeller };

  it("says why it refuses: not the buyer, not yet accepted by the seller, already accepted", async () => {
    const seller = await as(PENDING.seller);
    const buyer = await as(PENDING.buyer);
    const nda = { inquiryId: PENDING.inquiryId, ndaVersion: "2026-01" };
    const bySeller = await attempt(seller, () => acceptNda(seeded.deps, nda, seller));
    expect(bySeller).toMatchObject({ code: "forbidden", message: "Only the buyer who inquired can accept the NDA." });
    const tooEarly = await attempt(buyer, () => acceptNda(seeded.deps, nda, buyer));
    expect(tooEarly).toMatchObject({
      code: "invalid_transition",
      message: "The inquiry is PENDING; the seller must accept it first.",
    });
    const stored = await seeded.db.prisma.inquiry.findUniqueOrThrow({ where: { id: PENDING.inquiryId } });
    expect(stored.ndaAcceptedAt).toBeNull();

    await runForRequest(seller, () =>
      respondToInquiry(seeded.deps, { inquiryId: PENDING.inquiryId, action: "accept" }, seller),
    );
    await runForRequest(buyer, () => acceptNda(seeded.deps, nda, buyer));
    const twice = await attempt(buyer, () => acceptNda(seeded.deps, nda, buyer));
    expect(twice).toMatchObject({ code: "invalid_transition", message: "The NDA is already accepted." });
  });

  it("admits a buyer whose earlier access to the room was revoked, and records the acceptance in the activity log", async () => {
    // buyer-4 inquires about business-4; its seller accepts, lets the buyer in as a viewer, then revokes.
    const seller = await as("fiona.mackenzie@tummelhouse.co.uk");
    const buyer = await as("priya.sharma@careventures.co.uk");
    const business = stableId("business-4");
    const message = "We run care homes in Perthshire and are looking at hospitality.";
    const sent = await runForRequest(buyer, () => sendInquiry(seeded.deps, { businessId: business, message }, buyer));
    const inquiryId = sent.id;
    await runForRequest(seller, () => respondToInquiry(seeded.deps, { inquiryId, action: "accept" }, seller));
    const room = await seeded.db.prisma.dealRoom.findUniqueOrThrow({ where: { inquiryId } });
    const member = { dealRoomId: room.id, userId: buyer.caller.id };
    await runForRequest(seller, () =>
      addMember(seeded.deps, { ...member, role: "VIEWER", accessExpiresAt: null }, seller),
    );
    await runForRequest(seller, () => revokeMember(seeded.deps, member, seller));
    const revoked = await seeded.db.prisma.dealRoomMember.findUniqueOrThrow({
      where: { dealRoomId_userId: member },
    });
    expect(revoked.revokedAt).toEqual(seller.receivedAt);

    const signed = await runForRequest(buyer, () =>
      acceptNda(seeded.deps, { inquiryId, ndaVersion: "2026-02" }, buyer),
    );
    expect(signed.ndaVersion).toBe("2026-02");
    const readmitted = await seeded.db.prisma.dealRoomMember.findUniqueOrThrow({
      where: { dealRoomId_userId: member },
    });
    expect(readmitted.revokedAt).toBeNull();

    const logged = await seeded.db.prisma.activityLog.findMany({
      where: { action: "nda.accepted", entityId: inquiryId },
    });
    expect(logged).toEqual([
      expect.objectContaining({
        userId: buyer.caller.id,
        entityType: "inquiry",
        ipAddress: buyer.ipAddress,
        metadata: { ndaVersion: "2026-02", businessId: business },
      }),
    ]);
  });

  it("lets one of two simultaneous acceptances through and refuses the other, which changes nothing", async () => {
    const { inquiryId } = ACCEPTED_WITHOUT_NDA;
    const first = await as(ACCEPTED_WITHOUT_NDA.buyer);
    const second = { ...(await as(ACCEPTED_WITHOUT_NDA.buyer)), ipAddress: "198.51.100.9" };
    // Both requests pass the first check (NDA not accepted) and then queue for the inquiry's row
    // behind this lock; released, one updates it and the other finds it already accepted.
    const holder = new pg.Client({ connectionString: seeded.db.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT id FROM inquiries WHERE id = $1 FOR UPDATE", [inquiryId]);
      const outcomes = Promise.all(
        [first, second].map((request) =>
          attempt(request, () => acceptNda(seeded.deps, { inquiryId, ndaVersion: `v-${request.ipAddress}` }, request)),
        ),
      );
      await waitForLockWaiters(holder, 2);
      await holder.query("COMMIT");
      const results = await outcomes;
      expect(results.map(codeOf).sort()).toEqual(["invalid_transition", "succeeded"]);
      const winner = results.findIndex((result) => codeOf(result) === "succeeded");
      const winnerIp = [first, second][winner]!.ipAddress;

      const stored = await seeded.db.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiryId } });
      expect(stored.ndaVersion).toBe(`v-${winnerIp}`);
      expect(seeded.deps.fieldCipher.decryptOptional("inquiries.nda_accepted_ip", stored.ndaAcceptedIp)).toBe(winnerIp);
      const logged = await seeded.db.prisma.activityLog.count({
        where: { action: "nda.accepted", entityId: inquiryId },
      });
      expect(logged).toBe(1);
      const loser = results[1 - winner];
      expect(loser).toMatchObject({ message: "The NDA is already accepted." });
    } finally {
      await holder.end();
    }
  });
});

describe("respondToInquiry: its rules one by one", () => {
  const SARAH = "sarah.whitfield@midlandsindustrial.co.uk";
  const inquire = async (email: string, businessId: string) => {
    const buyer = await as(email);
    const message = "We would like to hear more about the business and its team.";
    return runForRequest(buyer, () => sendInquiry(seeded.deps, { businessId, message }, buyer));
  };
  const answered = (inquiryId: string) =>
    seeded.db.prisma.notification.findMany({ where: { dedupeKey: `inquiry-answered:${inquiryId}` } });

  it("says who may take which action, and from which status", async () => {
    const { id: inquiryId } = await inquire(SARAH, BUSINESS.openPublished);
    const buyer = await as(SARAH);
    const seller = await as(ACTORS.otherSeller);
    const byBuyer = await attempt(buyer, () => respondToInquiry(seeded.deps, { inquiryId, action: "accept" }, buyer));
    expect(byBuyer).toMatchObject({ code: "forbidden", message: "Only the seller can accept this inquiry." });
    const bySeller = await attempt(seller, () =>
      respondToInquiry(seeded.deps, { inquiryId, action: "withdraw" }, seller),
    );
    expect(bySeller).toMatchObject({ code: "forbidden", message: "Only the buyer can withdraw this inquiry." });

    const declined = await runForRequest(seller, () =>
      respondToInquiry(seeded.deps, { inquiryId, action: "decline" }, seller),
    );
    expect(declined).toMatchObject({ status: "DECLINED", respondedAt: seller.receivedAt, dealRoom: null });
    const again = await attempt(seller, () => respondToInquiry(seeded.deps, { inquiryId, action: "accept" }, seller));
    expect(again).toMatchObject({ code: "invalid_transition", message: "A DECLINED inquiry cannot be accepted." });
    const late = await attempt(buyer, () => respondToInquiry(seeded.deps, { inquiryId, action: "withdraw" }, buyer));
    expect(late).toMatchObject({ code: "invalid_transition", message: "A DECLINED inquiry cannot be withdrawn." });

    // The buyer hears of the decline; the listing counts it as activity.
    expect((await answered(inquiryId)).map((note) => [note.userId, note.title])).toEqual([
      [buyer.caller.id, expect.stringMatching(/was declined$/)],
    ]);
    const listing = await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: BUSINESS.openPublished } });
    expect(listing.lastActivityAt).toEqual(seller.receivedAt);
  });

  it("tells nobody of a withdrawal, and opens no room for it", async () => {
    const { id: inquiryId } = await inquire(SARAH, stableId("business-4"));
    const buyer = await as(SARAH);
    const withdrawn = await runForRequest(buyer, () =>
      respondToInquiry(seeded.deps, { inquiryId, action: "withdraw" }, buyer),
    );
    expect(withdrawn.status).toBe("WITHDRAWN");
    expect(await answered(inquiryId)).toEqual([]);
    expect(await seeded.db.prisma.dealRoom.count({ where: { inquiryId } })).toBe(0);
  });

  it("lets one of two simultaneous answers through; the other is told the inquiry changed", async () => {
    const { id: inquiryId } = await inquire(ACTORS.buyerWithNda, BUSINESS.openPublished);
    const first = await as(ACTORS.otherSeller);
    const second = await as(ACTORS.otherSeller);
    const holder = new pg.Client({ connectionString: seeded.db.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT id FROM inquiries WHERE id = $1 FOR UPDATE", [inquiryId]);
      const outcomes = Promise.all([
        attempt(first, () => respondToInquiry(seeded.deps, { inquiryId, action: "accept" }, first)),
        attempt(second, () => respondToInquiry(seeded.deps, { inquiryId, action: "decline" }, second)),
      ]);
      await waitForLockWaiters(holder, 2);
      await holder.query("COMMIT");
      const results = await outcomes;
      expect(results.map(codeOf).sort()).toEqual(["invalid_transition", "succeeded"]);
      const loser = results.find((result) => codeOf(result) !== "succeeded");
      expect(loser).toMatchObject({ message: "The inquiry changed meanwhile; read it again." });
      const winner = results.find((result) => codeOf(result) === "succeeded") as { status: string };
      const stored = await seeded.db.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiryId } });
      expect(stored.status).toBe(winner.status);
      expect(await seeded.db.prisma.dealRoom.count({ where: { inquiryId } })).toBe(
        winner.status === "ACCEPTED" ? 1 : 0,
      );
      expect(await answered(inquiryId)).toHaveLength(1);
    } finally {
      await holder.end();
    }
  });
});
