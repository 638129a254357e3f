import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { listMyMatches } from "../../../matches/list-my-matches.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { BuyerMatchSchema, toBuyerMatchResponse } from "../match-schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/me/matches",
  tags: ["Matches"],
  summary: "Listings matched to my acquisition profile",
  description:
    "Buyers only. Best score first, with the plain-English reason for each criterion; a page at a time (nextCursor).",
  access: "signed-in",
  failures: listMyMatches.failures,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(100),
      cursor: z.string().max(200).optional().openapi({ description: "nextCursor of the previous page" }),
    }),
  },
  responses: {
    200: {
      description: "Matches",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(BuyerMatchSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
  },
});

export function registerListMatches<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const page = await listMyMatches(c.get("deps"), c.req.valid("query"), signedInRequest(c));
    return c.json({ items: page.items.map(toBuyerMatchResponse), nextCursor: page.nextCursor }, 200);
  });
}
