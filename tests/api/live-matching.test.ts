// Matching as a new user lives it, through the API: a buyer signs up and saves a profile and
// finds scored, explained matches; a seller publishes a listing that fits and the buyer sees
// it; the listing sells and leaves. Matches are recomputed after commit, by the outbox's events.

import { describe, expect, it } from "vitest";
import { call, loginAs, signUp } from "../support/api-client.ts";
import { NEW_LISTING } from "../support/listing-body.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { useSeededApp } from "../support/seeded-app.ts";

const seeded = useSeededApp();

interface Match {
  score: number;
  breakdown: { criterion: string; score: number; max: number; reason: string }[];
  business: { id: string; title: string };
}
const matchesOf = async (token: string) =>
  ((await (await call(seeded.app, "GET", "/me/matches", { token })).json()) as { items: Match[] }).items;

describe("live matching", () => {
  it("matches a new buyer's profile, then a newly published listing, and drops it once sold", async () => {
    const buyer = await signUp(seeded.app, seeded.deliverMail, {
      email: "nina.park@parkventures.co.uk",
      password: "garden-centres-of-kent",
      name: "Nina Park",
      role: "BUYER",
    });
    const profile = {
      headline: "Garden centres and nurseries in the South East",
      sicCodes: ["4776"],
      regions: ["SOUTH_EAST"],
      maxPricePence: 100_000_000,
    };
    expect((await call(seeded.app, "PUT", "/me/buyer-profile", { token: buyer, body: profile })).status).toBe(200);
    // Saving wrote an event; the matches come after commit, not on the request's path.
    expect(await matchesOf(buyer)).toEqual([]);
    expect(await seeded.handleEvents()).toBe(1);
    const first = await matchesOf(buyer);
    for (const match of first) {
      expect(match.breakdown.reduce((sum, item) => sum + item.score, 0)).toBe(match.score);
      expect(match.score).toBeGreaterThanOrEqual(40);
    }

    const seller = await loginAs(seeded.app, ACTORS.otherSeller);
    const created = await call(seeded.app, "POST", "/businesses", { token: seller, body: NEW_LISTING });
    const listing = (await created.json()) as { id: string };
    await seeded.handleEvents();
    expect((await matchesOf(buyer)).map((match) => match.business.id)).not.toContain(listing.id); // a draft
    const publish = await call(seeded.app, "POST", `/businesses/${listing.id}/status`, {
      token: seller,
      body: { status: "PUBLISHED" },
    });
    expect(publish.status).toBe(200);
    expect(await seeded.handleEvents()).toBe(1);
    const matched = (await matchesOf(buyer)).find((match) => match.business.id === listing.id);
    expect(matched?.score).toBe(93);
    expect(matched?.breakdown.map((item) => [item.criterion, item.score, item.reason])).toEqual([
      ["sector", 30, "SIC 47760 is in the wanted SIC class 4776"],
      ["region", 20, "In South East, a wanted region"],
      ["price", 20, "Asking £950,000 is within budget"],
      ["revenue", 10, "Open to any turnover"],
      ["profit", 10, "Open to any profit"],
      ["funding", 3, "Funding not stated: neutral"],
    ]);

    const interested = await call(seeded.app, "GET", `/businesses/${listing.id}/interested-buyers`, { token: seller });
    const buyers = ((await interested.json()) as { items: { score: number; buyer: { headline: string } }[] }).items;
    expect(buyers.find((entry) => entry.buyer.headline === profile.headline)?.score).toBe(93);

    const moveTo = async (status: string) => {
      const moved = await call(seeded.app, "POST", `/businesses/${listing.id}/status`, {
        token: seller,
        body: { status },
      });
      expect(moved.status).toBe(200);
    };
    // Under offer is still for sale: the match stays.
    await moveTo("UNDER_OFFER");
    expect(await seeded.handleEvents()).toBe(1);
    expect((await matchesOf(buyer)).map((match) => match.business.id)).toContain(listing.id);
    await moveTo("PUBLISHED");
    await moveTo("UNDER_OFFER");
    await moveTo("SOLD");
    // Three changes before the dispatcher came round: one event, one recompute.
    expect(await seeded.handleEvents()).toBe(1);
    expect((await matchesOf(buyer)).map((match) => match.business.id)).not.toContain(listing.id);
  });

  it("drops a suspended buyer's matches and restores them on reinstatement", async () => {
    const admin = await loginAs(seeded.app, ACTORS.admin);
    const buyer = await seeded.db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithNda } });
    const count = () => seeded.db.prisma.match.count({ where: { buyerProfile: { userId: buyer.id } } });
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await call(seeded.app, "POST", `/admin/users/${buyer.id}/suspend`, {
      token: admin,
      body: { reason: "Chargeback" },
    });
    await seeded.handleEvents();
    expect(await count()).toBe(0);
    await call(seeded.app, "POST", `/admin/users/${buyer.id}/reinstate`, { token: admin });
    await seeded.handleEvents();
    expect(await count()).toBe(before);
  });
  it("pages through a buyer's matches, best first, without gaps or repeats", async () => {
    // Open on every criterion: every listing for sale matches.
    const buyer = await signUp(seeded.app, seeded.deliverMail, {
      email: "olu.ade@adecapital.co.uk",
      password: "anything-anywhere-any-price",
      name: "Olu Ade",
      role: "BUYER",
    });
    await call(seeded.app, "PUT", "/me/buyer-profile", {
      token: buyer,
      body: { headline: "Open to any business", sicCodes: [], regions: [] },
    });
    await seeded.handleEvents();
    const all = (await (await call(seeded.app, "GET", "/me/matches", { token: buyer })).json()) as {
      items: Match[];
      nextCursor: string | null;
    };
    expect(all.items.length).toBeGreaterThan(4);
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/me/matches?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await (await call(seeded.app, "GET", query, { token: buyer })).json()) as {
        items: Match[];
        nextCursor: string | null;
      };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((match) => match.business.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((match) => match.business.id));
    const bad = await call(seeded.app, "GET", "/me/matches?cursor=bm9wZQ", { token: buyer });
    expect(bad.status).toBe(400);
  });
});
