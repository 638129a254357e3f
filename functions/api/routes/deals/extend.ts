import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { extendExclusivity } from "../../../deals/extend-exclusivity.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealIdParamSchema, DealSchema, ExtensionInputSchema, toDealResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/deals/{id}/exclusivity/extension",
  tags: ["Deals"],
  summary: "Propose or agree the one extension of exclusivity",
  description:
    "The buyer or the seller signs an extension of the days given; the other signs the same days and the end " +
    "moves. Once per deal; 409 when it was used, or the other side proposed different days.",
  access: "signed-in",
  failures: extendExclusivity.failures,
  request: {
    params: DealIdParamSchema,
    body: { required: true, content: { "application/json": { schema: ExtensionInputSchema } } },
  },
  responses: { 200: { description: "Signed", content: { "application/json": { schema: DealSchema } } } },
});

export function registerExtendExclusivity<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = {
      dealId: c.req.valid("param").id,
      days: c.req.valid("json").days,
      fullName: c.req.valid("json").fullName,
    };
    return c.json(toDealResponse(await extendExclusivity(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
