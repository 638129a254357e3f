import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { listMyDeals } from "../../../deals/list-my-deals.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealSchema, toDealResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/deals",
  tags: ["Deals"],
  summary: "Your deals",
  description: "The deals you are the buyer or the seller in, or advise on, newest first.",
  access: "signed-in",
  failures: listMyDeals.failures,
  responses: {
    200: {
      description: "Your deals",
      content: { "application/json": { schema: z.object({ deals: z.array(DealSchema) }) } },
    },
  },
});

export function registerListMyDeals<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const deals = await listMyDeals(c.get("deps"), {}, signedInRequest(c));
    return c.json({ deals: deals.map(toDealResponse) }, 200);
  });
}
