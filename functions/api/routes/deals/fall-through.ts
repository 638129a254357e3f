import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { fallThrough } from "../../../deals/fall-through.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealIdParamSchema, DealSchema, ReasonInputSchema, toDealResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/deals/{id}/fall-through",
  tags: ["Deals"],
  summary: "Say the deal has fallen through",
  description:
    "Either side (the advisor for the seller), with a reason, before completion. Exclusivity ends; the listing " +
    "is back on the market; the offers on hold can be answered again.",
  access: "signed-in",
  failures: fallThrough.failures,
  request: {
    params: DealIdParamSchema,
    body: { required: true, content: { "application/json": { schema: ReasonInputSchema } } },
  },
  responses: { 200: { description: "Ended", content: { "application/json": { schema: DealSchema } } } },
});

export function registerFallThrough<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { dealId: c.req.valid("param").id, reason: c.req.valid("json").reason };
    return c.json(toDealResponse(await fallThrough(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
