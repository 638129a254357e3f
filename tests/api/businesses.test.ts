import { beforeAll, describe, expect, it } from "vitest";
import { call, problemOf } from "../support/api-client.ts";
import { NEW_LISTING } from "../support/listing-body.ts";
import { type ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { type SeededApp, useSeededApp } from "../support/seeded-app.ts";
import type { TestDatabase } from "../support/test-database.ts";

interface Page {
  items: {
    id: string;
    title: string;
    sicCode: string;
    region: string;
    askingPricePence: number;
    town: string | null;
    isConfidential: boolean;
    status: string;
  }[];
  nextCursor: string | null;
}

describe("listings", () => {
  const seeded = useSeededApp();
  let db: TestDatabase;
  let app: SeededApp["app"];
  let token: SeededApp["token"];

  beforeAll(() => {
    ({ db, app, token } = seeded);
  });

  const search = async (query: string) => {
    const response = await call(app, "GET", `/businesses${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Page;
  };

  describe("search", () => {
    it("lists published and under-offer listings only, newest first", async () => {
      const page = await search("");
      expect(page.items.map((item) => item.status).sort()).toEqual([
        "PUBLISHED",
        "PUBLISHED",
        "PUBLISHED",
        "PUBLISHED",
        "UNDER_OFFER",
      ]);
      expect(page.items.map((item) => item.id)).not.toContain(BUSINESS.draft);
    });

    it.each([
      ["?sic=J", ["62020"]], // section J: information and communication
      ["?sic=62", ["62020"]], // division
      ["?sic=6202", ["62020"]], // class
      ["?sic=62020,55100", ["55100", "62020"]],
      ["?sic=I", ["55100", "56102"]], // accommodation and food
      ["?sic=63", []],
    ])("filters by SIC at any level: %s", async (query, codes) => {
      expect((await search(query)).items.map((item) => item.sicCode).sort()).toEqual(codes);
    });

    it("filters by region, price, revenue and EBITDA ranges", async () => {
      expect((await search("?region=SCOTLAND,SOUTH_WEST")).items.map((item) => item.region).sort()).toEqual([
        "SCOTLAND",
        "SOUTH_WEST",
      ]);
      const midRange = await search("?minPricePence=100000000&maxPricePence=250000000");
      expect(
        midRange.items.every((item) => item.askingPricePence >= 100_000_000 && item.askingPricePence <= 250_000_000),
      ).toBe(true);
      expect(midRange.items).toHaveLength(3);
      expect((await search("?minRevenuePence=500000000")).items.map((item) => item.sicCode)).toEqual(["25620"]);
      expect((await search("?minEbitdaPence=100000000")).items.map((item) => item.sicCode)).toEqual(["25620"]);
    });

    it("finds listings by full-text search, ranked", async () => {
      expect((await search("?q=bakery")).items.map((item) => item.sicCode)).toEqual(["56102"]);
      expect((await search("?q=hotel%20restaurant")).items[0]!.sicCode).toBe("55100");
      expect((await search("?q=zeppelin")).items).toEqual([]);
    });

    it("sorts by price and pages with a cursor without gaps or repeats", async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await search(`?sort=price_asc&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        seen.push(...page.items.map((item) => item.askingPricePence));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    });

    it("withholds the town of confidential listings", async () => {
      const page = await search("");
      for (const item of page.items) expect(item.town === null).toBe(item.isConfidential);
    });

    it.each([
      ["?sic=Z9", "sic"],
      ["?limit=500", "limit"],
      ["?region=ATLANTIS", "region"],
      ["?minPricePence=-1", "minPricePence"],
      ["?sort=relevance", "sort"],
      ["?cursor=bm9wZQ", "cursor"],
    ])("rejects %s naming the parameter", async (query, field) => {
      const problem = await problemOf(await call(app, "GET", `/businesses${query}`));
      expect(problem.code).toBe("validation_failed");
      // A list parameter names the bad item: "sic.0".
      expect(problem.errors?.some((error) => error.field === field || error.field.startsWith(`${field}.`))).toBe(true);
    });
  });

  describe("one listing", () => {
    const identityOf = async (actorToken: string | undefined) => {
      const response = await call(
        app,
        "GET",
        `/businesses/${BUSINESS.confidentialPublished}`,
        actorToken ? { token: actorToken } : {},
      );
      expect(response.status).toBe(200);
      return (await response.json()) as {
        identityVisible: boolean;
        tradingName: string | null;
        companyNumber: string | null;
        sellerId: string | null;
      };
    };

    it("hides a confidential listing's identity from the public and from buyers without an NDA", async () => {
      for (const body of [
        await identityOf(undefined),
        await identityOf(token("buyerWithoutNda")),
        await identityOf(token("advisorOffDeal")),
      ]) {
        expect(body).toMatchObject({ identityVisible: false, tradingName: null, companyNumber: null, sellerId: null });
      }
    });

    it("shows it to the seller, its advisor, admins and buyers with an accepted NDA", async () => {
      for (const actor of ["ownerSeller", "advisorOnDeal", "admin", "buyerWithNda"] as const) {
        expect(await identityOf(token(actor))).toMatchObject({
          identityVisible: true,
          tradingName: "Northpoint IT Services Ltd",
          companyNumber: "05873412",
        });
      }
    });

    it("counts views by others, not by the seller", async () => {
      await seeded.deps.listingViews.flush(); // earlier tests' views
      const before = (await db.prisma.business.findUniqueOrThrow({ where: { id: BUSINESS.openPublished } })).viewCount;
      const viewCountShown = async (options = {}) =>
        (
          (await (await call(app, "GET", `/businesses/${BUSINESS.openPublished}`, options)).json()) as {
            viewCount: number;
          }
        ).viewCount;
      // Counted in memory and shown at once, this view included; written to the database in a batch.
      expect(await viewCountShown()).toBe(before + 1);
      expect(await viewCountShown({ token: token("buyerWithNda") })).toBe(before + 2);
      expect(await viewCountShown({ token: token("otherSeller") })).toBe(before + 2); // its seller
      await seeded.deps.listingViews.flush();
      expect((await db.prisma.business.findUniqueOrThrow({ where: { id: BUSINESS.openPublished } })).viewCount).toBe(
        before + 2,
      );
      expect(await viewCountShown({ token: token("otherSeller") })).toBe(before + 2);
    });

    it("keeps drafts private to their seller (404 for everyone else)", async () => {
      expect((await call(app, "GET", `/businesses/${BUSINESS.draft}`, { token: token("ownerSeller") })).status).toBe(
        200,
      );
      for (const options of [{}, { token: token("buyerWithNda") }, { token: token("otherSeller") }]) {
        expect((await problemOf(await call(app, "GET", `/businesses/${BUSINESS.draft}`, options))).code).toBe(
          "not_found",
        );
      }
    });

    it("answers 400 for a malformed id and 404 for an unknown one", async () => {
      expect((await problemOf(await call(app, "GET", "/businesses/not-a-uuid"))).status).toBe(400);
      expect((await problemOf(await call(app, "GET", "/businesses/00000000-0000-4000-8000-000000000000"))).status).toBe(
        404,
      );
    });
  });

  describe("create, edit, lifecycle, delete", () => {
    const draft = NEW_LISTING;

    it("lets sellers create drafts, and nobody else", async () => {
      const created = await call(app, "POST", "/businesses", { token: token("otherSeller"), body: draft });
      expect(created.status).toBe(201);
      expect(created.headers.get("etag")).toBe('"1"');
      expect(await created.json()).toMatchObject({
        status: "DRAFT",
        version: 1,
        askingPricePence: 95_000_000,
        identityVisible: true,
      });
      expect(
        (await problemOf(await call(app, "POST", "/businesses", { token: token("buyerWithNda"), body: draft }))).code,
      ).toBe("forbidden");
      expect((await problemOf(await call(app, "POST", "/businesses", { body: draft }))).code).toBe("unauthorized");
    });

    it("validates company numbers and money", async () => {
      const problem = await problemOf(
        await call(app, "POST", "/businesses", {
          token: token("otherSeller"),
          body: { ...draft, companyNumber: "1234", askingPricePence: 1.5 },
        }),
      );
      expect(problem.errors?.map((error) => error.field).sort()).toEqual(["askingPricePence", "companyNumber"]);
    });

    it("needs If-Match to edit, and refuses a stale version (no lost updates)", async () => {
      const created = (await (
        await call(app, "POST", "/businesses", { token: token("otherSeller"), body: draft })
      ).json()) as { id: string };
      const path = `/businesses/${created.id}`;
      expect(
        (
          await problemOf(
            await call(app, "PATCH", path, { token: token("otherSeller"), body: { title: "New title here" } }),
          )
        ).status,
      ).toBe(428);

      const edits = await Promise.all(
        ["First editor's title", "Second editor's title"].map((title) =>
          call(app, "PATCH", path, { token: token("otherSeller"), body: { title }, headers: { "if-match": '"1"' } }),
        ),
      );
      expect(edits.map((response) => response.status).sort()).toEqual([200, 412]);
      const loser = edits.find((response) => response.status === 412)!;
      expect((await problemOf(loser)).code).toBe("version_conflict");
      const winner = edits.find((response) => response.status === 200)!;
      expect(winner.headers.get("etag")).toBe('"2"');
    });

    it("lets only the seller (or an admin) edit", async () => {
      const path = `/businesses/${BUSINESS.confidentialPublished}`;
      const edit = (actor: keyof typeof ACTORS) =>
        call(app, "PATCH", path, {
          token: token(actor),
          body: { title: "Renamed listing" },
          headers: { "if-match": '"999"' },
        });
      expect((await edit("ownerSeller")).status).toBe(412); // allowed past the check; stale version
      expect((await edit("admin")).status).toBe(412);
      expect((await problemOf(await edit("otherSeller"))).code).toBe("forbidden");
      expect((await problemOf(await edit("advisorOnDeal"))).code).toBe("forbidden");
    });

    it("follows the status lifecycle and refuses other moves with 409", async () => {
      const created = (await (
        await call(app, "POST", "/businesses", { token: token("otherSeller"), body: draft })
      ).json()) as { id: string };
      const move = (status: string) =>
        call(app, "POST", `/businesses/${created.id}/status`, { token: token("otherSeller"), body: { status } });
      const published = await move("PUBLISHED");
      expect(published.status).toBe(200);
      expect(((await published.json()) as { publishedAt: string | null }).publishedAt).not.toBeNull();
      expect((await move("UNDER_OFFER")).status).toBe(200);
      expect((await move("SOLD")).status).toBe(200);
      const problem = await problemOf(await move("PUBLISHED"));
      expect(problem).toMatchObject({
        status: 409,
        code: "invalid_transition",
        detail: "A SOLD listing can move to nothing (final), not PUBLISHED.",
      });
    });

    it("soft-deletes for the seller; then it is gone", async () => {
      const created = (await (
        await call(app, "POST", "/businesses", { token: token("otherSeller"), body: draft })
      ).json()) as { id: string };
      expect((await call(app, "DELETE", `/businesses/${created.id}`, { token: token("ownerSeller") })).status).toBe(
        404,
      );
      expect((await call(app, "DELETE", `/businesses/${created.id}`, { token: token("otherSeller") })).status).toBe(
        204,
      );
      expect((await call(app, "GET", `/businesses/${created.id}`, { token: token("otherSeller") })).status).toBe(404);
      expect(
        (await db.prisma.business.findUniqueOrThrow({ where: { id: created.id, deletedAt: { not: null } } })).deletedAt,
      ).not.toBeNull();
    });
  });
});
