// Full-text search on the stored search vectors (migration listing_search_vector): relevance in
// two tiers (the words in the title, then in the description; newest first within each), keyset
// pages that cross from one tier to the next without gaps or repeats, exclusions honoured in
// both tiers, vectors that follow edits and cannot be planted, and none of it in the audit trail.

import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/api-client.ts";
import { useSeededApp } from "../support/seeded-app.ts";
import { TEST_NOW } from "../support/test-clock.ts";

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(TEST_NOW.getTime() - days * DAY);

interface Page {
  items: { id: string; title: string }[];
  nextCursor: string | null;
}

/** Listings of one seller, about a word the development seed never uses ("patisserie"). */
const LISTINGS = {
  titleNewer: {
    title: "Patisserie franchise outlet",
    description: "A busy high street shop with trained staff.",
    days: 5,
  },
  titleOlder: {
    title: "Artisan patisserie in Bath",
    description: "Loyal customers and a long lease on the premises.",
    days: 10,
  },
  titleOldest: {
    title: "Family patisserie and cafe",
    description: "Established trade, wholesale accounts and room to grow.",
    days: 20,
  },
  descriptionNewest: {
    title: "Coffee shop in Frome",
    description: "Includes an in-house patisserie counter and seating.",
    days: 1,
  },
  descriptionNewer: {
    title: "Hair salon in Wells",
    description: "Next door to a patisserie franchise, with steady footfall.",
    days: 2,
  },
  draft: {
    title: "Patisserie not yet published",
    description: "A draft listing that nobody else can see yet.",
    days: 3,
    status: "DRAFT",
  },
  deleted: {
    title: "Patisserie since sold off",
    description: "A listing its seller deleted some time ago now.",
    days: 4,
    deleted: true,
  },
} as const;

describe("full-text search", () => {
  const seeded = useSeededApp();
  const ids = {} as Record<keyof typeof LISTINGS, string>;
  const titleOf = (id: string) => Object.entries(ids).find(([, value]) => value === id)?.[0];

  const search = async (query: string) => {
    const response = await call(seeded.app, "GET", `/businesses?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Page;
  };
  const names = (page: Page) => page.items.map((item) => titleOf(item.id));

  beforeAll(async () => {
    const seller = await seeded.db.prisma.user.create({
      data: { email: "seller.patisserie@example.co.uk", name: "Patisserie Seller", role: "SELLER" },
    });
    for (const [key, listing] of Object.entries(LISTINGS)) {
      const created = await seeded.db.prisma.business.create({
        data: {
          sellerId: seller.id,
          title: listing.title,
          description: listing.description,
          sicCode: "10710",
          region: "SOUTH_WEST",
          askingPrice: 10_000_000n + BigInt(listing.days) * 1_000_000n,
          premisesTenure: "LEASEHOLD",
          status: "status" in listing ? listing.status : "PUBLISHED",
          publishedAt: daysAgo(listing.days),
          deletedAt: "deleted" in listing ? daysAgo(1) : null,
        },
      });
      ids[key as keyof typeof LISTINGS] = created.id;
    }
  });

  it("puts listings with the words in the title first, then the description's; newest first within each", async () => {
    expect(names(await search("q=patisserie"))).toEqual([
      "titleNewer",
      "titleOlder",
      "titleOldest",
      "descriptionNewest",
      "descriptionNewer",
    ]);
    // Stemmed, as before: the plural finds them too.
    expect(names(await search("q=patisseries"))).toHaveLength(5);
  });

  it("pages across the tiers with a cursor, without gaps or repeats, at every page size", async () => {
    const everything = names(await search("q=patisserie"));
    for (const limit of [1, 2, 3, 4]) {
      const seen: (string | undefined)[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await search(`q=patisserie&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...names(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect([limit, seen]).toEqual([limit, everything]);
    }
  });

  it("needs every word of a several-word search, wherever each is", async () => {
    expect(names(await search("q=patisserie%20bath"))).toEqual(["titleOlder"]);
    // One word in the title, the other in the description: the second tier.
    expect(names(await search("q=coffee%20patisserie"))).toEqual(["descriptionNewest"]);
    expect(names(await search("q=%22patisserie%20counter%22"))).toEqual(["descriptionNewest"]);
    // Either word: "salon" puts the hair salon (2 days old) at the head of the title tier.
    expect(names(await search("q=patisserie%20or%20salon"))).toEqual([
      "descriptionNewer",
      "titleNewer",
      "titleOlder",
      "titleOldest",
      "descriptionNewest",
    ]);
  });

  it("honours an excluded word in the title and in the description", async () => {
    expect(names(await search("q=patisserie%20-franchise"))).toEqual([
      "titleOlder",
      "titleOldest",
      "descriptionNewest",
    ]);
  });

  it("keeps the filters and the other sorts with a search", async () => {
    expect(names(await search("q=patisserie&sort=price_asc"))).toEqual([
      "descriptionNewest",
      "descriptionNewer",
      "titleNewer",
      "titleOlder",
      "titleOldest",
    ]);
    expect(names(await search("q=patisserie&maxPricePence=15000000&sort=newest"))).toEqual([
      "descriptionNewest",
      "descriptionNewer",
      "titleNewer",
    ]);
    expect(names(await search("q=patisserie&region=LONDON"))).toEqual([]);
  });

  it("refuses a cursor from another sort or a tampered one", async () => {
    const first = await search("q=patisserie&limit=1");
    const priceCursor = (await search("q=patisserie&sort=price_asc&limit=1")).nextCursor!;
    const tampered = Buffer.from(JSON.stringify(["relevance", "7|abc", ids.titleNewer])).toString("base64url");
    for (const cursor of [priceCursor, tampered]) {
      const response = await call(seeded.app, "GET", `/businesses?q=patisserie&cursor=${cursor}`);
      expect(response.status).toBe(400);
    }
    expect(first.nextCursor).not.toBeNull();
  });

  it("follows edits, cannot be planted, and stays out of the audit trail", async () => {
    const { db } = seeded;
    await db.prisma.business.update({
      where: { id: ids.descriptionNewer },
      data: { title: "Hair salon and patisserie in Wells" },
    });
    expect(names(await search("q=patisserie"))).toEqual([
      "descriptionNewer",
      "titleNewer",
      "titleOlder",
      "titleOldest",
      "descriptionNewest",
    ]);
    // Even the owner writing the vectors directly gets what the title and description say.
    await db.query(
      "UPDATE businesses SET search_vector = to_tsvector('english', 'zeppelin'), title_vector = NULL WHERE id = $1",
      [ids.titleOlder],
    );
    expect(names(await search("q=zeppelin"))).toEqual([]);
    expect(names(await search("q=patisserie"))).toContain("titleOlder");

    const audited = await db.query<{ changed_columns: string[]; changes: Record<string, unknown> }>(
      "SELECT changed_columns, changes FROM audit_logs WHERE table_name = 'businesses' AND row_id = $1 ORDER BY id",
      [ids.descriptionNewer],
    );
    expect(audited.map((row) => row.changed_columns.includes("title"))).toEqual([true, true]); // insert, edit
    for (const row of audited) {
      expect(row.changed_columns).not.toContain("search_vector");
      expect(Object.keys(row.changes)).not.toContain("title_vector");
    }
    // The planted write changed nothing people wrote: no audit row for it.
    const planted = await db.query(
      "SELECT 1 FROM audit_logs WHERE table_name = 'businesses' AND row_id = $1 AND action = 'UPDATE'",
      [ids.titleOlder],
    );
    expect(planted).toEqual([]);
  });
});
