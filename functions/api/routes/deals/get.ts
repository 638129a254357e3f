import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { getDeal } from "../../../deals/get-deal.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealIdParamSchema, DealSchema, toDealResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/deals/{id}",
  tags: ["Deals"],
  summary: "A deal: heads of terms, signatures, exclusivity, completion",
  description:
    "Its buyer and seller, the listing's advisor, and admins. Anyone else, another buyer included, gets 404.",
  access: "signed-in",
  failures: getDeal.failures,
  request: {
    params: DealIdParamSchema,
  },
  responses: { 200: { description: "The deal", content: { "application/json": { schema: DealSchema } } } },
});

export function registerGetDeal<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { dealId: c.req.valid("param").id };
    return c.json(toDealResponse(await getDeal(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
