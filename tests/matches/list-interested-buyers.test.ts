// A listing's interested buyers as a use case: matched buyers best first (ties by profile), each
// under a reference of this listing's own, named only once they have inquired about this
// listing (an inquiry elsewhere tells this seller nothing), profiles since deleted left out, for
// the listing's managers only.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listInterestedBuyers } from "../../functions/matches/list-interested-buyers.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { attempt, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const businessId = BUSINESS.confidentialPublished;

describe("listInterestedBuyers", () => {
  it("shows matched buyers best first, anonymous until they inquire about this listing", async () => {
    const prisma = seeded.db.prisma;
    const seller = await seeded.as(ACTORS.ownerSeller);
    // Every buyer profile matched to the listing, one score apart, two of them tied.
    const profiles = await prisma.buyerProfile.findMany({ include: { user: true }, orderBy: { id: "asc" } });
    expect(profiles.length).toBeGreaterThanOrEqual(4);
    await prisma.match.deleteMany({ where: { businessId } });
    const scores = profiles.map((_, index) => (index < 2 ? 90 : 80 - index));
    for (const [index, profile] of profiles.entries()) {
      await prisma.match.create({ data: { buyerProfileId: profile.id, businessId, score: scores[index]! } });
    }
    // One buyer's profile deleted; one buyer verified; one buyer inquired only about another listing.
    const [, deletedProfile, verified, elsewhere] = profiles;
    await prisma.buyerProfile.update({ where: { id: deletedProfile!.id }, data: { deletedAt: seller.receivedAt } });
    await prisma.buyerProfile.update({
      where: { id: verified!.id },
      data: { proofOfFundsVerifiedAt: seller.receivedAt },
    });
    await prisma.inquiry.deleteMany({ where: { buyerId: elsewhere!.userId, businessId } });
    await prisma.inquiry.create({
      data: { businessId: BUSINESS.openPublished, buyerId: elsewhere!.userId, message: "About the other one." },
    });

    const listed = await runForRequest(seller, () => listInterestedBuyers(seeded.deps, { businessId }, seller));
    const live = await prisma.buyerProfile.findMany({
      where: { id: { not: deletedProfile!.id } },
      include: { user: true },
      orderBy: { id: "asc" },
    });
    expect(live.some((profile) => profile.proofOfFundsVerifiedAt === null)).toBe(true);
    const reference = (profileId: string) =>
      `buyer-${createHash("sha256").update(`${businessId}:${profileId}`).digest("hex").slice(0, 8)}`;
    expect(listed.map((entry) => entry.buyer.reference)).toEqual(live.map((profile) => reference(profile.id)));
    expect(new Set(listed.map((entry) => entry.buyer.reference)).size).toBe(live.length);

    const inquirers = new Set(
      (await prisma.inquiry.findMany({ where: { businessId, deletedAt: null } })).map((inquiry) => inquiry.buyerId),
    );
    expect(inquirers.size).toBeGreaterThan(0);
    for (const [index, entry] of listed.entries()) {
      const profile = live[index]!;
      const inquired = inquirers.has(profile.userId);
      expect(entry.buyer).toMatchObject({
        name: inquired ? profile.user.name : null,
        hasInquired: inquired,
        headline: profile.headline,
        proofOfFundsVerified: profile.proofOfFundsVerifiedAt !== null,
      });
    }
    expect(listed.find((entry) => entry.buyer.reference === reference(elsewhere!.id))?.buyer.name).toBeNull();
  });

  it("gives the same buyer another reference on another listing", async () => {
    const prisma = seeded.db.prisma;
    const admin = await seeded.as(ACTORS.admin);
    const profile = await prisma.buyerProfile.findFirstOrThrow({ where: { deletedAt: null } });
    for (const listing of [BUSINESS.openPublished, BUSINESS.underOffer]) {
      await prisma.match.upsert({
        where: { buyerProfileId_businessId: { buyerProfileId: profile.id, businessId: listing } },
        create: { buyerProfileId: profile.id, businessId: listing, score: 75 },
        update: {},
      });
    }
    const referenceOn = async (listing: string) =>
      (await runForRequest(admin, () => listInterestedBuyers(seeded.deps, { businessId: listing }, admin))).map(
        (entry) => entry.buyer.reference,
      );
    const [onOne, onOther] = [await referenceOn(BUSINESS.openPublished), await referenceOn(BUSINESS.underOffer)];
    expect(onOne.filter((reference) => onOther.includes(reference))).toEqual([]);
  });

  it("is for the listing's managers: a buyer is told so", async () => {
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    expect(await attempt(buyer, () => listInterestedBuyers(seeded.deps, { businessId }, buyer))).toMatchObject({
      code: "forbidden",
      message: "Only the listing's seller or advisor sees its interested buyers.",
    });
  });
});
