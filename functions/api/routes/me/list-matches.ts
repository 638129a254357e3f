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
  description: "Buyers only. Best score first, with the plain-English reason for each criterion.",
  access: "signed-in",
  failures: listMyMatches.failures,
  responses: {
    200: {
      description: "Matches",
      content: { "application/json": { schema: z.object({ items: z.array(BuyerMatchSchema) }) } },
    },
  },
});

export function registerListMatches<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const matches = await listMyMatches(c.get("deps"), {}, signedInRequest(c));
    return c.json({ items: matches.map(toBuyerMatchResponse) }, 200);
  });
}
