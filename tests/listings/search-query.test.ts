// The search's SQL as built (functions/listings/search-query.ts), for the choices its results
// alone cannot show: which plan a relevance tier asks for, which cursors it takes, and how many
// statements it runs. What the searches return is tested against a database in
// tests/api/business-search.test.ts and tests/api/listing-full-text-search.test.ts.

import { describe, expect, it } from "vitest";
import { AppError } from "../../functions/errors/app-error.ts";
import {
  buildSearchSql,
  encodeCursor,
  type ListingSearch,
  runSearchStatements,
} from "../../functions/listings/search-query.ts";

const ID = "3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b";
const search = (query: Partial<ListingSearch>) => buildSearchSql({ limit: 20, ...query });
const tiers = (q: string) => search({ q }).statements.map((statement) => statement.sql);
const refusal = (query: Partial<ListingSearch>) => {
  try {
    search(query);
  } catch (error) {
    return error instanceof AppError ? { code: error.code, fields: error.extras.fields } : error;
  }
  return "accepted";
};
const badCursor = {
  code: "validation_failed",
  fields: [{ field: "cursor", message: "is not a cursor from this search (same sort order)" }],
};

describe("relevance statements", () => {
  it("collect title matches first (MATERIALIZED) only when several words must all be in the title", () => {
    const collects = (q: string) => tiers(q).map((sql) => sql.includes("MATERIALIZED"));
    expect(collects("garden centre")).toEqual([true, false]);
    expect(collects('"garden centre"')).toEqual([true, false]);
    for (const q of ["garden", "  garden  ", "garden or nursery", "garden OR nursery", "garden -franchise", "-a -b"]) {
      expect(collects(q), q).toEqual([false, false]);
    }
  });

  it("filter titles on the whole document too only when the search excludes a word", () => {
    const titleTier = (q: string) => tiers(q)[0]!;
    expect(titleTier("garden -franchise")).toContain("search_vector @@");
    expect(titleTier("-franchise garden")).toContain("search_vector @@");
    for (const q of ["garden", "well-known garden", "garden - centre"]) {
      expect(titleTier(q), q).not.toContain("search_vector @@");
    }
  });

  it("ask each tier for one row more than a page, and need q", () => {
    for (const statement of search({ q: "garden centre", limit: 7 }).statements) {
      expect(statement.values.at(-1)).toBe(8);
    }
    expect(refusal({ sort: "relevance" })).toEqual({
      code: "validation_failed",
      fields: [{ field: "sort", message: "relevance needs q" }],
    });
  });

  it("take only their own cursors: tier 0 or 1 and a time", () => {
    const cursor = (key: string) => encodeCursor({ sort: "relevance", key, id: ID });
    expect(search({ q: "garden", cursor: cursor("1|1764072000000") }).statements).toHaveLength(2);
    expect(search({ q: "garden", cursor: cursor("0|1764072000000") }).statements).toHaveLength(1);
    for (const key of ["2|1764072000000", "1|", "1", "1|never"]) {
      expect(refusal({ q: "garden", cursor: cursor(key) }), key).toEqual(badCursor);
    }
  });
});

describe("sorted statements", () => {
  it("sort ascending or descending as the order says", () => {
    expect(search({ sort: "price_asc" }).statements[0]!.sql).toMatch(/ORDER BY asking_price_pence ASC, id ASC/);
    expect(search({ sort: "newest" }).statements[0]!.sql).toMatch(/ORDER BY published_at DESC, id DESC/);
  });

  it("take a cursor of the same order with a well-formed id only", () => {
    const cursor = (sort: string, id: string) => encodeCursor({ sort, key: "100", id });
    expect(refusal({ sort: "price_asc", cursor: cursor("price_asc", ID) })).toBe("accepted");
    for (const [sort, id] of [
      ["price_desc", ID],
      ["price_asc", `${ID}0`],
      ["price_asc", `0${ID}`],
    ] as const) {
      expect(refusal({ sort: "price_asc", cursor: cursor(sort, id) }), `${sort} ${id}`).toEqual(badCursor);
    }
  });
});

describe("runSearchStatements", () => {
  it("runs statements in order until it has a page and one more row, and returns no more", async () => {
    const ran: string[] = [];
    const rowsOf: Record<string, number[]> = { first: [1, 2], second: [3, 4, 5, 6], third: [7] };
    const query = async (sql: { values: unknown[] }) => {
      const name = sql.values[0] as string;
      ran.push(name);
      return rowsOf[name]!;
    };
    const statements = ["first", "second", "third"].map((name) => ({ values: [name] }));
    const rows = await runSearchStatements(statements as never, 3, query as never);
    expect(rows).toEqual([1, 2, 3, 4]);
    expect(ran).toEqual(["first", "second"]);
  });
});
