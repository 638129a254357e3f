import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { endExclusivityEarly } from "../../../deals/end-exclusivity-early.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealIdParamSchema, DealSchema, OptionalReasonInputSchema, toDealResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/deals/{id}/exclusivity/end",
  tags: ["Deals"],
  summary: "End exclusivity early",
  description:
    "The seller's side only with a reason (a missed milestone); the buyer withdraws (reason optional). The deal " +
    "ends with it and the listing is back on the market.",
  access: "signed-in",
  failures: endExclusivityEarly.failures,
  request: {
    params: DealIdParamSchema,
    body: { required: true, content: { "application/json": { schema: OptionalReasonInputSchema } } },
  },
  responses: { 200: { description: "Ended", content: { "application/json": { schema: DealSchema } } } },
});

export function registerEndExclusivityEarly<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { dealId: c.req.valid("param").id, reason: c.req.valid("json").reason };
    return c.json(toDealResponse(await endExclusivityEarly(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
