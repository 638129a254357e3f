import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { listInterestedBuyers } from "../../../matches/list-interested-buyers.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { InterestedBuyerSchema } from "../match-schemas.ts";
import { IdParamSchema } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/businesses/{id}/interested-buyers",
  tags: ["Matches"],
  summary: "Buyers matched to my listing",
  description: "The listing's seller, advisor or an admin. Buyers stay anonymous until they inquire.",
  access: "signed-in",
  failures: listInterestedBuyers.failures,
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: "Matched buyers",
      content: { "application/json": { schema: z.object({ items: z.array(InterestedBuyerSchema) }) } },
    },
  },
});

export function registerInterestedBuyers<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const items = await listInterestedBuyers(
      c.get("deps"),
      { businessId: c.req.valid("param").id },
      signedInRequest(c),
    );
    return c.json({ items }, 200);
  });
}
