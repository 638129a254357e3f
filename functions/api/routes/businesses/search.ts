import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { ActivityAction, recordActivity } from "../../../activity/record-activity.ts";
import { activityOrigin } from "../../../requests/request-context.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate } from "../../middleware/authenticate.ts";
import { problems } from "../openapi-helpers.ts";
import { uuid } from "../uuid.ts";
import { REGIONS } from "./schemas.ts";
import { buildSearchSql, encodeCursor, SearchQuerySchema, type SearchRow } from "./search-query.ts";

const ListingSummarySchema = z
  .object({
    id: uuid(),
    title: z.string(),
    sicCode: z.string(),
    region: z.enum(REGIONS),
    askingPricePence: z.number().int(),
    revenuePence: z.number().int().nullable(),
    ebitdaPence: z.number().int().nullable(),
    status: z.enum(["PUBLISHED", "UNDER_OFFER", "SOLD"]),
    isConfidential: z.boolean(),
    town: z.string().nullable().openapi({ description: "Withheld (null) for confidential listings" }),
    publishedAt: z.iso.datetime().nullable(),
  })
  .openapi("ListingSummary");

const route = createRoute({
  method: "get",
  path: "/businesses",
  tags: ["Listings"],
  summary: "Search published listings",
  description:
    "Filters combine with AND; list values within one filter with OR. Keyset pagination: pass nextCursor back.",
  middleware: [authenticate({ required: false })] as const,
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
    ...problems(400),
  },
});

const keyText = (key: SearchRow["sort_key"]) => (key instanceof Date ? key.toISOString() : String(key));

export function registerSearchBusinesses<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const { sql, sort } = buildSearchSql(query);
    const { prisma, readOnlyPrisma } = c.get("deps");
    const rows = await readOnlyPrisma.$queryRaw<SearchRow[]>(sql);
    // Signed-in people's searches are part of their activity; anonymous ones are not recorded.
    const user = c.get("user");
    if (user) {
      await recordActivity(prisma, {
        action: ActivityAction.listingsSearched,
        userId: user.id,
        ...activityOrigin(c.var.request),
        metadata: { query: Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) },
      });
    }
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return c.json(
      {
        items: page.map((row) => ({
          id: row.id,
          title: row.title,
          sicCode: row.sic_code,
          region: row.region as (typeof REGIONS)[number],
          askingPricePence: Number(row.asking_price_pence),
          revenuePence: row.revenue_pence === null ? null : Number(row.revenue_pence),
          ebitdaPence: row.ebitda_pence === null ? null : Number(row.ebitda_pence),
          status: row.status as "PUBLISHED" | "UNDER_OFFER" | "SOLD",
          isConfidential: row.is_confidential,
          town: row.town,
          publishedAt: row.published_at?.toISOString() ?? null,
        })),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor({ sort, key: keyText(last.sort_key), id: last.id }) : null,
      },
      200,
    );
  });
}
