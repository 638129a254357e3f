// A buyer's matches as a use case: only listings still for sale, best score first and ties by
// listing, a page at a time without gaps or repeats (also when every score ties), each with what
// the buyer needs of the listing; a cursor the API did not give out is refused.
import { describe, expect, it } from "vitest";
import { listMyMatches } from "../../functions/matches/list-my-matches.ts";
import type { SignedInRequest } from "../../functions/requests/request-context.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { attempt, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const cursorOf = (...parts: string[]) => Buffer.from(parts.join("|")).toString("base64url");

/** Every page of the buyer's matches, `limit` at a time: the listings in order, and the page sizes. */
async function allPages(buyer: SignedInRequest, limit: number) {
  const seen: string[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages += 1) {
    const page = await runForRequest(buyer, () =>
      listMyMatches(seeded.deps, { limit, ...(cursor ? { cursor } : {}) }, buyer),
    );
    seen.push(...page.items.map((item) => item.businessId));
    sizes.push(page.items.length);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { seen, sizes };
}

/** The buyer's matches on listings still for sale, as the database holds them, best first. */
async function storedOrder(userId: string) {
  const matches = await seeded.db.prisma.match.findMany({
    where: {
      buyerProfile: { userId, deletedAt: null },
      business: { deletedAt: null, status: { in: ["PUBLISHED", "UNDER_OFFER"] } },
    },
  });
  return matches
    .sort((a, b) => b.score - a.score || (a.businessId < b.businessId ? -1 : 1))
    .map((match) => match.businessId);
}

describe("listMyMatches", () => {
  it("pages through the buyer's matches on listings for sale, best first, ties by listing", async () => {
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const prisma = seeded.db.prisma;
    const profile = await prisma.buyerProfile.findFirstOrThrow({ where: { userId: buyer.caller.id } });
    // One match on a listing that has sold, and one on a deleted listing: neither is shown.
    const [sold, deleted] = await prisma.business.findMany({
      where: { matches: { none: { buyerProfileId: profile.id } } },
      take: 2,
      orderBy: { id: "asc" },
    });
    await prisma.business.update({ where: { id: sold!.id }, data: { status: "SOLD" } });
    await prisma.business.update({ where: { id: deleted!.id }, data: { deletedAt: buyer.receivedAt } });
    for (const business of [sold!, deleted!]) {
      await prisma.match.create({ data: { buyerProfileId: profile.id, businessId: business.id, score: 99 } });
    }

    // More matches, two of one score, stored out of order.
    const forSale = await prisma.business.findMany({
      where: {
        deletedAt: null,
        status: { in: ["PUBLISHED", "UNDER_OFFER"] },
        matches: { none: { buyerProfileId: profile.id } },
      },
      take: 4,
    });
    for (const [index, business] of forSale.entries()) {
      await prisma.match.create({
        data: { buyerProfileId: profile.id, businessId: business.id, score: [90, 75, 90, 85][index]! },
      });
    }
    const expected = await storedOrder(buyer.caller.id);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const { seen, sizes } = await allPages(buyer, 2);
    expect(seen).toEqual(expected);
    expect(sizes.slice(0, -1).every((size) => size === 2)).toBe(true);

    // Every score the same: the listing's id alone orders them, and paging still sees each once.
    await prisma.match.updateMany({ where: { buyerProfileId: profile.id }, data: { score: 80 } });
    const tied = await allPages(buyer, 2);
    expect(tied.seen).toEqual([...expected].sort());

    // A page that ends exactly at the last match has no next page.
    const exact = await runForRequest(buyer, () => listMyMatches(seeded.deps, { limit: expected.length }, buyer));
    expect([exact.items.length, exact.nextCursor]).toEqual([expected.length, null]);
  });

  it("gives each match what the buyer needs of the listing, and the score with its reasons", async () => {
    const buyer = await seeded.as(ACTORS.buyerWithoutNda);
    const { items } = await runForRequest(buyer, () => listMyMatches(seeded.deps, { limit: 1 }, buyer));
    const [first] = items;
    const listing = await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: first!.businessId } });
    expect(first!.business).toEqual({
      id: listing.id,
      title: listing.title,
      sicCode: listing.sicCode,
      region: listing.region,
      askingPrice: listing.askingPrice,
      status: listing.status,
    });
    expect(first!.breakdown.reduce((sum, part) => sum + part.score, 0)).toBe(first!.score);
  });

  it("is for buyers, and refuses a cursor it did not give out", async () => {
    const seller = await seeded.as(ACTORS.ownerSeller);
    expect(await attempt(seller, () => listMyMatches(seeded.deps, {}, seller))).toMatchObject({
      code: "forbidden",
      message: "Matches are for buyers.",
    });
    const buyer = await seeded.as(ACTORS.buyerWithoutNda);
    const id = "0b6c8a5e-2a7f-4c55-9a52-0d7f5e0f3a11";
    for (const cursor of [
      cursorOf("80", "not-a-uuid"),
      cursorOf("80.5", id),
      cursorOf("-1", id),
      cursorOf("101", id),
      cursorOf("eighty", id),
      cursorOf("80", id, "extra"),
    ]) {
      expect(await attempt(buyer, () => listMyMatches(seeded.deps, { cursor }, buyer)), cursor).toMatchObject({
        code: "validation_failed",
      });
    }
    for (const score of ["0", "100"]) {
      expect(
        await attempt(buyer, () => listMyMatches(seeded.deps, { cursor: cursorOf(score, id) }, buyer)),
      ).toMatchObject({ nextCursor: null });
    }
  });
});
