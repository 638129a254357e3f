// Reading deals (issue 28) on the seeded ones (prisma/seed/seed-deals.ts): deal-1 on business-3
// (buyer Sarah Whitfield, seller Rajesh Patel, advisor James Turner), in exclusivity; deal-2 on
// business-7 (buyer Alistair Grant, seller Fiona MacKenzie, no advisor), completed. Each person
// lists the deals they are on, newest first, and nobody else's; the heads of terms, missing from
// storage as the seed leaves them, are made again only when provably the same document.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { downloadHeadsOfTerms } from "../../functions/deals/download-heads-of-terms.ts";
import { listMyDeals } from "../../functions/deals/list-my-deals.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { attempt, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const RUNNING = stableId("deal-1");
const COMPLETED = stableId("deal-2");

async function dealsOf(email: string) {
  const request = await seeded.as(email);
  return runForRequest(request, () => listMyDeals(seeded.deps, {}, request));
}

describe("listMyDeals", () => {
  it("lists the deals a person is buyer, seller or advisor on, with their signatures and accepted version", async () => {
    const asBuyer = await dealsOf("sarah.whitfield@midlandsindustrial.co.uk");
    expect(asBuyer.map((deal) => deal.id)).toEqual([RUNNING]);
    expect(asBuyer[0]).toMatchObject({ status: "EXCLUSIVE", acceptedVersion: 2, offerId: stableId("offer-1") });
    expect(asBuyer[0]!.headsOfTerms.signatures.map((signature) => [signature.party, signature.fullName])).toEqual([
      ["BUYER", "Sarah Whitfield"],
      ["SELLER", "Rajesh Patel"],
    ]);
    expect((await dealsOf("rajesh.patel@patelprecision.co.uk")).map((deal) => deal.id)).toEqual([RUNNING]);
    expect((await dealsOf("james.turner@turnerassociates.co.uk")).map((deal) => deal.id)).toEqual([RUNNING]);
    const completed = await dealsOf("fiona.mackenzie@tummelhouse.co.uk");
    expect(completed.map((deal) => [deal.id, deal.status, deal.acceptedVersion])).toEqual([
      [COMPLETED, "COMPLETED", 1],
    ]);
    expect(completed[0]!.completion).toMatchObject({ consideration: { pricePence: 39_500_000 } });
    for (const outsider of [
      "mark.jones@jonesretail.co.uk",
      "david.hughes@northpoint-it.co.uk",
      "sophie.reid@reidcorporatefinance.co.uk",
    ]) {
      expect(await dealsOf(outsider)).toEqual([]);
    }
  });

  it("lists signatures in the order they were made, whatever order their rows were written in", async () => {
    const sha = "e".repeat(64);
    const sign = (party: "BUYER" | "SELLER", userKey: string, minutes: number) =>
      seeded.db.prisma.dealSignature.create({
        data: {
          dealId: RUNNING,
          userId: stableId(userKey),
          party,
          purpose: "EXCLUSIVITY_EXTENSION",
          fullName: party,
          consentText: "test",
          documentSha256: sha,
          signedAt: new Date(Date.UTC(2026, 10, 1, 9, minutes)),
        },
      });
    // The seller's row is written first but signed later.
    await sign("SELLER", "seller-3", 30);
    await sign("BUYER", "buyer-2", 10);
    await seeded.db.prisma.exclusivity.update({
      where: { dealId: RUNNING },
      data: { extensionDays: 5, extensionProposedBy: "BUYER" },
    });
    const [deal] = await dealsOf("sarah.whitfield@midlandsindustrial.co.uk");
    expect(deal!.exclusivity.extension).toEqual({ days: 5, proposedBy: "BUYER", signedBy: ["BUYER", "SELLER"] });
    await seeded.db.prisma.dealSignature.deleteMany({ where: { dealId: RUNNING, purpose: "EXCLUSIVITY_EXTENSION" } });
    await seeded.db.prisma.exclusivity.update({
      where: { dealId: RUNNING },
      data: { extensionDays: null, extensionProposedBy: null },
    });
  });

  it("lists every deal newest first for a person on several; an admin is on none", async () => {
    // James Turner, business-3's advisor, is given business-7 too: he is on both deals.
    await seeded.db.prisma.business.update({
      where: { id: stableId("business-7") },
      data: { advisorId: stableId("advisor-2:profile") },
    });
    expect((await dealsOf("james.turner@turnerassociates.co.uk")).map((deal) => deal.id)).toEqual([RUNNING, COMPLETED]);
    // Newest first by when the deal was made, not by when its row was written.
    const running = await seeded.db.prisma.deal.findUniqueOrThrow({ where: { id: RUNNING } });
    await seeded.db.prisma.deal.update({
      where: { id: COMPLETED },
      data: { createdAt: new Date(running.createdAt.getTime() + 1) },
    });
    expect((await dealsOf("james.turner@turnerassociates.co.uk")).map((deal) => deal.id)).toEqual([COMPLETED, RUNNING]);
    await seeded.db.prisma.business.update({ where: { id: stableId("business-7") }, data: { advisorId: null } });
    const admin = await seeded.as("admin@exitmatch.co.uk");
    expect(await runForRequest(admin, () => listMyDeals(seeded.deps, {}, admin))).toEqual([]);
  });
});

describe("downloadHeadsOfTerms", () => {
  it("makes a missing file again from its source, keeps it, and serves what the deal's hash names", async () => {
    const buyer = await seeded.as("sarah.whitfield@midlandsindustrial.co.uk");
    const deal = await seeded.db.prisma.deal.findUniqueOrThrow({ where: { id: RUNNING } });
    expect(await seeded.deps.storage.get(deal.headsOfTermsStorageKey)).toBeUndefined();
    const first = await runForRequest(buyer, () => downloadHeadsOfTerms(seeded.deps, { dealId: RUNNING }, buyer));
    expect(createHash("sha256").update(first.bytes).digest("hex")).toBe(deal.headsOfTermsSha256);
    expect(first).toMatchObject({ sha256: deal.headsOfTermsSha256, fileName: `heads-of-terms-${RUNNING}.pdf` });
    const kept = await seeded.deps.storage.get(deal.headsOfTermsStorageKey);
    expect(Buffer.from(kept!).equals(Buffer.from(first.bytes))).toBe(true);
    expect((await seeded.deps.storage.list("deals/")).length).toBe(1);
  });

  it("never serves a file it cannot prove: a stored hash the source no longer makes is our failure", async () => {
    const seller = await seeded.as("fiona.mackenzie@tummelhouse.co.uk");
    await seeded.db.prisma.deal.update({ where: { id: COMPLETED }, data: { headsOfTermsSha256: "0".repeat(64) } });
    const refused = await attempt(seller, () => downloadHeadsOfTerms(seeded.deps, { dealId: COMPLETED }, seller));
    expect(refused).toMatchObject({
      code: "internal_error",
      message: "The heads of terms are missing from storage and cannot be reproduced.",
    });
    const deal = await seeded.db.prisma.deal.findUniqueOrThrow({ where: { id: COMPLETED } });
    expect(await seeded.deps.storage.get(deal.headsOfTermsStorageKey)).toBeUndefined();
  });
});
