// The listing search against an independent oracle: a few dozen listings with awkward values
// (ties, missing revenue, losses, every status, deleted ones), and for each query the whole
// result, paged through with cursors, compared with what a plain Prisma query and a sort in
// JavaScript say it must be.
import { beforeAll, describe, expect, it } from "vitest";
import type { Business } from "../../generated/prisma/client.ts";
import type { BusinessStatus, UkRegion } from "../../generated/prisma/enums.ts";
import { call, problemOf } from "../support/api-client.ts";
import { type SeededApp, useSeededApp } from "../support/seeded-app.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import type { TestDatabase } from "../support/test-database.ts";

interface Page {
  items: { id: string; status: string; askingPricePence: number }[];
  nextCursor: string | null;
}

const STATUSES: BusinessStatus[] = ["PUBLISHED", "PUBLISHED", "UNDER_OFFER", "SOLD", "DRAFT", "ARCHIVED"];
const REGIONS: UkRegion[] = ["LONDON", "SCOTLAND", "WALES", "NORTH_WEST"];
const SIC_CODES = ["62020", "55100", "56102", "47110", "01110", "86900", "99000"];
const HOUR = 3_600_000;

/** Listing number `index`: values that repeat, so sorts meet ties and filters meet edges. */
function listing(index: number, sellerId: string) {
  const status = STATUSES[index % STATUSES.length]!;
  return {
    sellerId,
    title: `Search fixture ${index}`,
    description: "A listing made for the search tests.",
    sicCode: SIC_CODES[index % SIC_CODES.length]!,
    region: REGIONS[index % REGIONS.length]!,
    // Five prices for forty listings: every price is shared.
    askingPrice: BigInt(((index % 5) + 1) * 10_000_000),
    revenue: index % 4 === 0 ? null : BigInt(((index % 7) + 1) * 50_000_000),
    ebitda: index % 3 === 0 ? null : BigInt(((index % 9) - 4) * 5_000_000),
    premisesTenure: "LEASEHOLD" as const,
    isConfidential: index % 2 === 0,
    status,
    // Pairs published in the same hour: the newest-first sort meets ties too.
    publishedAt: status === "DRAFT" ? null : new Date(TEST_NOW.getTime() - Math.floor(index / 2) * HOUR),
    deletedAt: index % 11 === 10 ? TEST_NOW : null,
  };
}

type Row = Pick<Business, "id" | "askingPrice" | "revenue" | "ebitda" | "publishedAt" | "status">;

/** Postgres orders uuids as their bytes: the same as lower-case hex text. */
const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function sortedBy(rows: Row[], key: (row: Row) => number | bigint, descending: boolean): string[] {
  return [...rows]
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = x < y ? -1 : x > y ? 1 : byId(a, b);
      return descending ? -order : order;
    })
    .map((row) => row.id);
}

describe("listing search, checked against a plain query", () => {
  const seeded = useSeededApp();
  let db: TestDatabase;
  let app: SeededApp["app"];

  beforeAll(async () => {
    ({ db, app } = seeded);
    const seller = await db.prisma.user.findFirstOrThrow({ where: { email: "david.hughes@northpoint-it.co.uk" } });
    await db.prisma.business.createMany({ data: Array.from({ length: 40 }, (_, index) => listing(index, seller.id)) });
  });

  /** Every listing the search may return for these statuses, as the oracle sees them. */
  const candidates = (statuses: BusinessStatus[] = ["PUBLISHED", "UNDER_OFFER"]) =>
    db.prisma.business.findMany({
      where: { deletedAt: null, status: { in: statuses } },
      select: {
        id: true,
        askingPrice: true,
        revenue: true,
        ebitda: true,
        publishedAt: true,
        status: true,
        sicCode: true,
        region: true,
      },
    });

  /** Pages through a query; returns the ids in order and the page sizes. */
  async function everyPage(query: string, limit: number) {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await call(
        app,
        "GET",
        `/businesses?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(response.status, await response.clone().text()).toBe(200);
      const page = (await response.json()) as Page;
      ids.push(...page.items.map((item) => item.id));
      sizes.push(page.items.length);
      cursor = page.nextCursor;
      expect(sizes.length).toBeLessThan(100);
    } while (cursor);
    return { ids, sizes };
  }

  const newest = (row: Row) => row.publishedAt!.getTime();
  const price = (row: Row) => row.askingPrice;

  it("returns the newest first by default, published and under offer only, in pages of 20", async () => {
    const expected = sortedBy(await candidates(), newest, true);
    expect(expected.length).toBeGreaterThan(20);
    const first = (await (await call(app, "GET", "/businesses")).json()) as Page;
    expect(first.items.map((item) => item.id)).toEqual(expected.slice(0, 20));
    expect(first.nextCursor).not.toBeNull();
    expect((await everyPage("sort=newest", 3)).ids).toEqual(expected);
  });

  it.each([
    ["price_asc", false],
    ["price_desc", true],
  ] as const)("sorts by %s and pages through ties without gaps or repeats", async (sort, descending) => {
    const expected = sortedBy(await candidates(), price, descending);
    const { ids, sizes } = await everyPage(`sort=${sort}`, 4);
    expect(ids).toEqual(expected);
    expect(sizes.slice(0, -1).every((size) => size === 4)).toBe(true);
  });

  it("sorts by revenue, highest first, listings without revenue last", async () => {
    const expected = sortedBy(await candidates(), (row) => row.revenue ?? -1n, true);
    expect((await everyPage("sort=revenue_desc", 5)).ids).toEqual(expected);
  });

  it("filters by status, trimming the comma list and ignoring empty items", async () => {
    const sold = sortedBy(await candidates(["SOLD"]), newest, true);
    expect(sold.length).toBeGreaterThan(0);
    expect((await everyPage("status=SOLD", 50)).ids).toEqual(sold);
    const publishedOrSold = sortedBy(await candidates(["PUBLISHED", "SOLD"]), newest, true);
    expect((await everyPage(`status=${encodeURIComponent(" PUBLISHED ,, SOLD ")}`, 50)).ids).toEqual(publishedOrSold);
  });

  it.each([
    ["maxRevenuePence=150000000", (row: Row) => row.revenue !== null && row.revenue <= 150_000_000n],
    ["minRevenuePence=150000000", (row: Row) => row.revenue !== null && row.revenue >= 150_000_000n],
    ["maxEbitdaPence=-5000000", (row: Row) => row.ebitda !== null && row.ebitda <= -5_000_000n],
    ["minEbitdaPence=-5000000", (row: Row) => row.ebitda !== null && row.ebitda >= -5_000_000n],
    [
      "minPricePence=20000000&maxPricePence=30000000",
      (row: Row) => row.askingPrice >= 20_000_000n && row.askingPrice <= 30_000_000n,
    ],
  ])("filters by %s, bounds included", async (query, keep) => {
    const expected = sortedBy((await candidates()).filter(keep), newest, true);
    expect(expected.length).toBeGreaterThan(0);
    expect((await everyPage(query, 50)).ids).toEqual(expected);
  });

  it("trims SIC and region lists", async () => {
    const all = await candidates();
    const expected = sortedBy(
      all.filter(
        (row) =>
          (row.sicCode.startsWith("55") || row.sicCode.startsWith("62")) && ["LONDON", "WALES"].includes(row.region),
      ),
      newest,
      true,
    );
    expect(expected.length).toBeGreaterThan(0);
    const query = `sic=${encodeURIComponent(" J , 55 ")}&region=${encodeURIComponent("LONDON , WALES")}`;
    expect((await everyPage(query, 50)).ids).toEqual(expected);
  });

  it("refuses a cursor from another sort order, or one that names no listing id", async () => {
    const page = (await (await call(app, "GET", "/businesses?sort=price_asc&limit=2")).json()) as Page;
    const fromOtherSort = await problemOf(
      await call(app, "GET", `/businesses?sort=price_desc&cursor=${encodeURIComponent(page.nextCursor!)}`),
    );
    expect([fromOtherSort.status, fromOtherSort.code, fromOtherSort.errors?.[0]?.field]).toEqual([
      400,
      "validation_failed",
      "cursor",
    ]);
    const forged = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString("base64url");
    for (const cursor of [
      forged(["price_asc", "10000000", "not-a-uuid"]),
      forged(["price_asc", 10000000, "00000000-0000-4000-8000-000000000000"]),
      forged(["price_asc", "10000000"]),
    ]) {
      const problem = await problemOf(await call(app, "GET", `/businesses?sort=price_asc&cursor=${cursor}`));
      expect([problem.status, problem.errors?.[0]?.field], cursor).toEqual([400, "cursor"]);
    }
  });
});
