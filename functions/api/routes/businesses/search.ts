import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { UkRegion } from "../../../../generated/prisma/enums.ts";
import { PUBLIC_STATUSES, type PublicStatus } from "../../../domain/business-status.ts";
import { searchListings } from "../../../listings/search-listings.ts";
import type { SearchRow } from "../../../listings/search-query.ts";
import type { AppEnv } from "../../app-context.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";
import { SearchQuerySchema } from "./search-params.ts";

const ListingSummarySchema = z
  .object({
    id: uuid(),
    title: z.string(),
    sicCode: z.string(),
    region: z.enum(UkRegion),
    askingPricePence: z.number().int(),
    revenuePence: z.number().int().nullable(),
    ebitdaPence: z.number().int().nullable(),
    status: z.enum(PUBLIC_STATUSES),
    isConfidential: z.boolean(),
    town: z.string().nullable().openapi({ description: "Withheld (null) for confidential listings" }),
    publishedAt: z.iso.datetime().nullable(),
  })
  .openapi("ListingSummary");

const route = defineRoute({
  method: "get",
  path: "/businesses",
  tags: ["Listings"],
  summary: "Search published listings",
  description:
    "Filters combine with AND; list values within one filter with OR. Keyset pagination: pass nextCursor back.",
  access: "optional",
  failures: searchListings.failures,
  request: { query: SearchQuerySchema },
  responses: {
    200: {
      description: "One page of results",
      content: {
        "application/json": {
          schema: z
            .object({ items: z.array(ListingSummarySchema), nextCursor: z.string().nullable() })
            .openapi("ListingPage"),
        },
      },
    },
  },
});

const toListingSummary = (row: SearchRow): z.infer<typeof ListingSummarySchema> => ({
  id: row.id,
  title: row.title,
  sicCode: row.sic_code,
  region: row.region as UkRegion,
  askingPricePence: Number(row.asking_price_pence),
  revenuePence: row.revenue_pence === null ? null : Number(row.revenue_pence),
  ebitdaPence: row.ebitda_pence === null ? null : Number(row.ebitda_pence),
  status: row.status as PublicStatus,
  isConfidential: row.is_confidential,
  town: row.town,
  publishedAt: row.published_at?.toISOString() ?? null,
});

export function registerSearchBusinesses<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const page = await searchListings(c.get("deps"), c.req.valid("query"), c.var.request);
    return c.json({ items: page.rows.map(toListingSummary), nextCursor: page.nextCursor }, 200);
  });
}
