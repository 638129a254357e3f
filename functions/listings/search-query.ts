import { Prisma } from "../../generated/prisma/client.ts";
import type { UkRegion } from "../../generated/prisma/enums.ts";
import { DEFAULT_SEARCH_STATUSES, type PublicStatus } from "../domain/business-status.ts";
import { sicPrefixes } from "../domain/sic-hierarchy.ts";
import { AppError } from "../errors/app-error.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The orders a search can be sorted in. */
export const SORTS = ["newest", "price_asc", "price_desc", "revenue_desc", "relevance"] as const;
export type SearchSort = (typeof SORTS)[number];

/**
 * A listing search: every filter of `GET /businesses`, already validated. Filters combine with
 * AND; the values of one list filter with OR. Money in whole pence.
 */
export interface ListingSearch {
  /** Full-text search in title and description. */
  q?: string | undefined;
  /** SIC 2007 codes at any level: section letter or 2 to 5 digits. */
  sic?: string[] | undefined;
  region?: UkRegion[] | undefined;
  /** Default: DEFAULT_SEARCH_STATUSES. */
  status?: PublicStatus[] | undefined;
  minPricePence?: number | undefined;
  maxPricePence?: number | undefined;
  minRevenuePence?: number | undefined;
  maxRevenuePence?: number | undefined;
  minEbitdaPence?: number | undefined;
  maxEbitdaPence?: number | undefined;
  /** Default: relevance with q, newest without. */
  sort?: SearchSort | undefined;
  limit: number;
  /** nextCursor from the previous page. */
  cursor?: string | undefined;
}

export interface SearchRow {
  id: string;
  title: string;
  sic_code: string;
  region: string;
  asking_price_pence: bigint;
  revenue_pence: bigint | null;
  ebitda_pence: bigint | null;
  status: string;
  is_confidential: boolean;
  town: string | null;
  published_at: Date | null;
  sort_key: string | number | Date | null;
}

/** The stored, GIN-indexed search document: title words weigh A, description words B. */
const DOCUMENT = Prisma.sql`search_vector`;

/** Sort key expression, direction, and how a cursor's key is read back (not relevance: below). */
function ordering(sort: Exclude<SearchSort, "relevance">) {
  switch (sort) {
    case "newest":
      return { key: Prisma.sql`published_at`, descending: true, parse: (value: string) => new Date(value) };
    case "price_asc":
      return { key: Prisma.sql`asking_price_pence`, descending: false, parse: (value: string) => BigInt(value) };
    case "price_desc":
      return { key: Prisma.sql`asking_price_pence`, descending: true, parse: (value: string) => BigInt(value) };
    case "revenue_desc":
      return {
        key: Prisma.sql`COALESCE(revenue_pence, -1)`,
        descending: true,
        parse: (value: string) => BigInt(value),
      };
  }
}

interface Cursor {
  sort: string;
  key: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString("base64url");
}

function decodeCursor(raw: string, sort: string): Cursor {
  try {
    const [cursorSort, key, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    if (cursorSort === sort && typeof key === "string" && typeof id === "string" && UUID.test(id)) {
      return { sort, key, id };
    }
  } catch {
    // fall through
  }
  throw new AppError("validation_failed", undefined, {
    fields: [{ field: "cursor", message: "is not a cursor from this search (same sort order)" }],
  });
}

/** What a search filters on: everything but its order and page. Saved searches keep these. */
export type ListingFilters = Omit<ListingSearch, "sort" | "limit" | "cursor">;

const tsQueryOf = (q: string | undefined) => Prisma.sql`websearch_to_tsquery('english', ${q ?? ""})`;

/**
 * The one definition of what a search's filters mean, as SQL conditions on `businesses`: the
 * public search (below) and saved-search alerts (functions/saved-searches/) both use it, so a
 * listing that alerts a saved search is one the same search lists.
 */
export function listingFilterConditions(filters: ListingFilters): Prisma.Sql[] {
  const statuses = filters.status ?? DEFAULT_SEARCH_STATUSES;
  const conditions: Prisma.Sql[] = [
    Prisma.sql`deleted_at IS NULL`,
    Prisma.sql`status = ANY(${statuses}::"BusinessStatus"[])`,
  ];
  if (filters.q) conditions.push(Prisma.sql`${DOCUMENT} @@ ${tsQueryOf(filters.q)}`);
  if (filters.sic) {
    const prefixes = filters.sic.flatMap(sicPrefixes);
    conditions.push(
      Prisma.sql`(${Prisma.join(
        prefixes.map((prefix) => Prisma.sql`sic_code LIKE ${`${prefix}%`}`),
        " OR ",
      )})`,
    );
  }
  if (filters.region) conditions.push(Prisma.sql`region = ANY(${filters.region}::"UkRegion"[])`);
  const ranges: [keyof ListingFilters, string, ">=" | "<="][] = [
    ["minPricePence", "asking_price_pence", ">="],
    ["maxPricePence", "asking_price_pence", "<="],
    ["minRevenuePence", "revenue_pence", ">="],
    ["maxRevenuePence", "revenue_pence", "<="],
    ["minEbitdaPence", "ebitda_pence", ">="],
    ["maxEbitdaPence", "ebitda_pence", "<="],
  ];
  for (const [param, column, operator] of ranges) {
    const value = filters[param];
    if (typeof value === "number")
      conditions.push(Prisma.sql`${Prisma.raw(column)} ${Prisma.raw(operator)} ${BigInt(value)}`);
  }
  return conditions;
}

/** The columns a result list shows. Confidential listings never expose their town here. */
const RESULT_COLUMNS = Prisma.sql`id, title, sic_code, region::text AS region, asking_price_pence, revenue_pence,
  ebitda_pence, status::text AS status, is_confidential, CASE WHEN is_confidential THEN NULL ELSE town END AS town,
  published_at`;

/**
 * The public listing search: filters on indexed columns, full-text search on stored vectors,
 * keyset pagination (stable under inserts, no OFFSET scans), and only the columns a result list
 * needs. `statements` run in order until a page and one more row are found: one statement, or
 * for relevance one per tier.
 */
export function buildSearchSql(query: ListingSearch): { statements: Prisma.Sql[]; sort: SearchSort } {
  const sort = query.sort ?? (query.q ? "relevance" : "newest");
  if (sort === "relevance") {
    if (!query.q) {
      throw new AppError("validation_failed", undefined, { fields: [{ field: "sort", message: "relevance needs q" }] });
    }
    return { statements: relevanceStatements({ ...query, q: query.q }), sort };
  }
  const order = ordering(sort);
  const conditions = listingFilterConditions(query);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, sort);
    const comparison = Prisma.raw(order.descending ? "<" : ">");
    conditions.push(Prisma.sql`(${order.key}, id) ${comparison} (${order.parse(cursor.key)}, ${cursor.id}::uuid)`);
  }
  const direction = Prisma.raw(order.descending ? "DESC" : "ASC");
  const sql = Prisma.sql`
    SELECT ${RESULT_COLUMNS}, ${order.key} AS sort_key
    FROM businesses
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${order.key} ${direction}, id ${direction}
    LIMIT ${query.limit + 1}`;
  return { statements: [sql], sort };
}

/**
 * Relevance, in two tiers: listings with every searched word in the title, then those with them
 * in the description too; newest first within each. Each tier is one statement that stops at a
 * page: PostgreSQL walks the newest-first index checking the stored vector (a common word finds
 * a page in a few dozen rows) or reads the GIN index's few matches and sorts them (a rare one),
 * as the title vector's statistics say. The second tier runs only when the first leaves the page
 * short, which is also when its estimate is sound. (Ranking every match of a common word with
 * ts_rank before taking 20 cost about 200 ms at 100,000 listings.) The cursor's key is
 * "tier|published_at in epoch ms".
 */
function relevanceStatements(query: ListingSearch & { q: string }): Prisma.Sql[] {
  const inTitle = Prisma.sql`title_vector @@ ${tsQueryOf(query.q)}`;
  // A title that matches means the whole document matches (same lexemes, same positions), unless
  // the search excludes a word ("-franchise"), which the description may have. Leaving the implied
  // condition out matters: PostgreSQL would take the two as independent and, for a common word,
  // expect a handful of rows where there are thousands, and sort them all instead of stopping.
  const documentFilters = listingFilterConditions(query);
  const titleFilters = EXCLUDES_A_WORD.test(query.q)
    ? documentFilters
    : listingFilterConditions({ ...query, q: undefined });
  const tiers = [
    { tier: 1, conditions: [...titleFilters, inTitle] },
    { tier: 0, conditions: [...documentFilters, Prisma.sql`NOT (${inTitle})`] },
  ];
  const cursor = query.cursor ? parseRelevanceCursor(decodeCursor(query.cursor, "relevance")) : undefined;
  return tiers
    .filter(({ tier }) => cursor === undefined || tier <= cursor.tier)
    .map(({ tier, conditions: tierConditions }) => {
      const conditions = [...tierConditions];
      if (cursor?.tier === tier) {
        conditions.push(Prisma.sql`(published_at, id) < (${cursor.publishedAt}::timestamptz, ${cursor.id}::uuid)`);
      }
      const sortKey = Prisma.sql`${Prisma.raw(`'${tier}|'`)} || (extract(epoch FROM published_at) * 1000)::bigint`;
      if (tier === 0 || !requiresSeveralWords(query.q)) {
        return Prisma.sql`
          SELECT ${RESULT_COLUMNS}, ${sortKey} AS sort_key
          FROM businesses
          WHERE ${Prisma.join(conditions, " AND ")}
          ORDER BY published_at DESC, id DESC
          LIMIT ${query.limit + 1}`;
      }
      // Several words that must all be in a title: PostgreSQL multiplies their frequencies as if
      // independent, and may walk the newest-first index looking for a combination titles rarely
      // have (all 100,000 rows). The GIN index intersects the words itself, so collecting the
      // matches first costs what there are: as many as the rarest word's at most. (In the whole
      // document such combinations are common, and walking the newest-first index is right.)
      return Prisma.sql`
        WITH matches AS MATERIALIZED (
          SELECT ${RESULT_COLUMNS} FROM businesses WHERE ${Prisma.join(conditions, " AND ")})
        SELECT *, ${sortKey} AS sort_key
        FROM matches
        ORDER BY published_at DESC, id DESC
        LIMIT ${query.limit + 1}`;
    });
}

/**
 * Whether a search needs several words at once (websearch syntax: words are ANDed; "or" joins
 * alternatives; a leading minus excludes). A rough count on the text: a stop word still counts,
 * which only costs the collecting plan where the other would have done.
 */
function requiresSeveralWords(q: string): boolean {
  const words = q
    .replaceAll('"', " ")
    .split(/\s+/)
    .filter((word) => word !== "" && !word.startsWith("-"));
  return !words.some((word) => word.toLowerCase() === "or") && words.length > 1;
}

/** websearch_to_tsquery's exclusion: a word (or quoted phrase) with a leading minus. */
const EXCLUDES_A_WORD = /(^|\s)-\S/;

function parseRelevanceCursor(cursor: Cursor): { tier: number; publishedAt: Date; id: string } {
  const [tier, epochMs] = cursor.key.split("|");
  const publishedAt = new Date(Number(epochMs));
  if ((tier !== "0" && tier !== "1") || !epochMs || Number.isNaN(publishedAt.getTime())) {
    throw new AppError("validation_failed", undefined, {
      fields: [{ field: "cursor", message: "is not a cursor from this search (same sort order)" }],
    });
  }
  return { tier: Number(tier), publishedAt, id: cursor.id };
}

/**
 * Runs a search's statements in order until `limit` + 1 rows are found (the extra row says
 * there is a next page); `query` runs one statement.
 */
export async function runSearchStatements<Row>(
  statements: Prisma.Sql[],
  limit: number,
  query: (sql: Prisma.Sql) => Promise<Row[]>,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const sql of statements) {
    if (rows.length > limit) break;
    rows.push(...(await query(sql)));
  }
  return rows.slice(0, limit + 1);
}
