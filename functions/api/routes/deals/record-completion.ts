import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { recordCompletion } from "../../../deals/record-completion.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { CompletionInputSchema, DealIdParamSchema, DealSchema, toDealResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/deals/{id}/completion",
  tags: ["Deals"],
  summary: "Record completion",
  description:
    "The seller or the listing's advisor, during exclusivity: the completion date (not in the future) and the " +
    "final consideration (it may differ from the heads of terms; its components add up to its price). The buyer " +
    "confirms it.",
  access: "signed-in",
  failures: recordCompletion.failures,
  request: {
    params: DealIdParamSchema,
    body: { required: true, content: { "application/json": { schema: CompletionInputSchema } } },
  },
  responses: { 200: { description: "Recorded", content: { "application/json": { schema: DealSchema } } } },
});

export function registerRecordCompletion<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = {
      dealId: c.req.valid("param").id,
      completedOn: c.req.valid("json").completedOn,
      consideration: c.req.valid("json").consideration,
    };
    return c.json(toDealResponse(await recordCompletion(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
