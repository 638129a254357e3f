import { z } from "@hono/zod-openapi";
import { Prisma } from "../../../../generated/prisma/client.ts";
import { SIC_FILTER_PATTERN, sicPrefixes } from "../../../domain/sic-hierarchy.ts";
import { AppError } from "../../../errors/app-error.ts";
import { uuid } from "../uuid.ts";
import { REGIONS } from "./schemas.ts";

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(500)
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(30));

const pence = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const signedPence = z.coerce.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const SORTS = ["newest", "price_asc", "price_desc", "revenue_desc", "relevance"] as const;

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200).optional().openapi({ description: "Full-text search in title and description" }),
  sic: csv(z.string().regex(SIC_FILTER_PATTERN, "must be a SIC section letter (A-U) or 2-5 digits"))
    .optional()
    .openapi({
      description:
        "SIC 2007 at any level, comma-separated: section (J), division (62), group (620), class (6201), subclass (62012)",
    }),
  region: csv(z.enum(REGIONS)).optional(),
  status: csv(z.enum(["PUBLISHED", "UNDER_OFFER", "SOLD"]))
    .optional()
    .openapi({ description: "Default: PUBLISHED,UNDER_OFFER" }),
  minPricePence: pence.optional(),
  maxPricePence: pence.optional(),
  minRevenuePence: pence.optional(),
  maxRevenuePence: pence.optional(),
  minEbitdaPence: signedPence.optional(),
  maxEbitdaPence: signedPence.optional(),
  sort: z.enum(SORTS).optional().openapi({ description: "Default: relevance with q, newest without" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional().openapi({ description: "nextCursor from the previous page" }),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

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

const DOCUMENT = Prisma.sql`to_tsvector('english', title || ' ' || description)`;

/** Sort key expression, direction, and how a cursor's key is read back. */
function ordering(sort: (typeof SORTS)[number], query: Prisma.Sql) {
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
    case "relevance":
      return { key: Prisma.sql`ts_rank(${DOCUMENT}, ${query})::float8`, descending: true, parse: Number };
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
    if (cursorSort === sort && typeof key === "string" && typeof id === "string" && uuid().safeParse(id).success) {
      return { sort, key, id };
    }
  } catch {
    // fall through
  }
  throw new AppError("validation_failed", undefined, {
    fields: [{ field: "cursor", message: "is not a cursor from this search (same sort order)" }],
  });
}

/**
 * The public listing search as one SQL statement: filters on indexed columns, full-text search
 * over an expression index, keyset pagination (stable under inserts, no OFFSET scans), and only
 * the columns a result list needs. Confidential listings never expose their town here.
 */
export function buildSearchSql(query: SearchQuery): { sql: Prisma.Sql; sort: (typeof SORTS)[number] } {
  const sort = query.sort ?? (query.q ? "relevance" : "newest");
  if (sort === "relevance" && !query.q) {
    throw new AppError("validation_failed", undefined, { fields: [{ field: "sort", message: "relevance needs q" }] });
  }
  const tsQuery = Prisma.sql`websearch_to_tsquery('english', ${query.q ?? ""})`;
  const order = ordering(sort, tsQuery);
  const statuses = query.status ?? ["PUBLISHED", "UNDER_OFFER"];

  const conditions: Prisma.Sql[] = [Prisma.sql`deleted_at IS NULL`, Prisma.sql`status::text = ANY(${statuses})`];
  if (query.q) conditions.push(Prisma.sql`${DOCUMENT} @@ ${tsQuery}`);
  if (query.sic) {
    const prefixes = query.sic.flatMap(sicPrefixes);
    conditions.push(
      Prisma.sql`(${Prisma.join(
        prefixes.map((prefix) => Prisma.sql`sic_code LIKE ${`${prefix}%`}`),
        " OR ",
      )})`,
    );
  }
  if (query.region) conditions.push(Prisma.sql`region = ANY(${query.region}::"UkRegion"[])`);
  const ranges: [keyof SearchQuery, string, ">=" | "<="][] = [
    ["minPricePence", "asking_price_pence", ">="],
    ["maxPricePence", "asking_price_pence", "<="],
    ["minRevenuePence", "revenue_pence", ">="],
    ["maxRevenuePence", "revenue_pence", "<="],
    ["minEbitdaPence", "ebitda_pence", ">="],
    ["maxEbitdaPence", "ebitda_pence", "<="],
  ];
  for (const [param, column, operator] of ranges) {
    const value = query[param];
    if (typeof value === "number")
      conditions.push(Prisma.sql`${Prisma.raw(column)} ${Prisma.raw(operator)} ${BigInt(value)}`);
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, sort);
    const comparison = Prisma.raw(order.descending ? "<" : ">");
    conditions.push(Prisma.sql`(${order.key}, id) ${comparison} (${order.parse(cursor.key)}, ${cursor.id}::uuid)`);
  }
  const direction = Prisma.raw(order.descending ? "DESC" : "ASC");
  const sql = Prisma.sql`
    SELECT id, title, sic_code, region::text AS region, asking_price_pence, revenue_pence, ebitda_pence,
           status::text AS status, is_confidential,
           CASE WHEN is_confidential THEN NULL ELSE town END AS town, published_at,
           ${order.key} AS sort_key
    FROM businesses
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${order.key} ${direction}, id ${direction}
    LIMIT ${query.limit + 1}`;
  return { sql, sort };
}
