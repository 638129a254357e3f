import { z } from "@hono/zod-openapi";
import { UkRegion } from "../../../../generated/prisma/enums.ts";
import { PUBLIC_STATUSES } from "../../../domain/business-status.ts";
import { SIC_FILTER_PATTERN } from "../../../domain/sic-hierarchy.ts";
import { type ListingFilters, type ListingSearch, SORTS } from "../../../listings/search-query.ts";

/** A comma-separated list in a query string: `region=LONDON,WALES`. */
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

const sicFilter = z.string().regex(SIC_FILTER_PATTERN, "must be a SIC section letter (A-U) or 2-5 digits");
const searchText = z.string().trim().min(1).max(200);

/** The money ranges a search filters on, the same in a query string and in a saved search. */
const rangeFilters = {
  minPricePence: pence.optional(),
  maxPricePence: pence.optional(),
  minRevenuePence: pence.optional(),
  maxRevenuePence: pence.optional(),
  minEbitdaPence: signedPence.optional(),
  maxEbitdaPence: signedPence.optional(),
};

/** `GET /businesses`'s query string, read into a ListingSearch (functions/listings/search-query.ts). */
export const SearchQuerySchema = z.object({
  q: searchText.optional().openapi({ description: "Full-text search in title and description" }),
  sic: csv(sicFilter).optional().openapi({
    description:
      "SIC 2007 at any level, comma-separated: section (J), division (62), group (620), class (6201), subclass (62012)",
  }),
  region: csv(z.enum(UkRegion)).optional(),
  status: csv(z.enum(PUBLIC_STATUSES)).optional().openapi({ description: "Default: PUBLISHED,UNDER_OFFER" }),
  ...rangeFilters,
  sort: z
    .enum(SORTS)
    .optional()
    .openapi({
      description:
        "Default: relevance with q, newest without. Relevance: listings with every searched word in the title first, " +
        "then those with them in the description; newest first within each",
    }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional().openapi({ description: "nextCursor from the previous page" }),
}) satisfies z.ZodType<ListingSearch, unknown>;

/**
 * The same filters as JSON (lists as arrays), for saved searches: the same names, values and
 * meaning as the query string above, minus the order and the page.
 */
export const ListingFiltersSchema = z
  .object({
    q: searchText.optional(),
    sic: z.array(sicFilter).min(1).max(30).optional(),
    region: z.array(z.enum(UkRegion)).min(1).max(30).optional(),
    status: z.array(z.enum(PUBLIC_STATUSES)).min(1).max(30).optional(),
    ...rangeFilters,
  })
  .strict()
  .openapi("ListingFilters", {
    description: "The filters of GET /businesses, lists as arrays",
    example: { sic: ["62"], region: ["LONDON", "SOUTH_EAST"], maxPricePence: 200_000_000 },
  }) satisfies z.ZodType<ListingFilters, unknown>;
