import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { confirmCompletion } from "../../../deals/confirm-completion.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealIdParamSchema, DealSchema, toDealResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/deals/{id}/completion/confirm",
  tags: ["Deals"],
  summary: "Confirm completion",
  description:
    "The buyer. The deal completes and the listing is sold; other live offers are closed with a notice; the " +
    "listing's deal rooms close to everyone but the seller, the buyer and the advisor.",
  access: "signed-in",
  failures: confirmCompletion.failures,
  request: {
    params: DealIdParamSchema,
  },
  responses: { 200: { description: "Completed", content: { "application/json": { schema: DealSchema } } } },
});

export function registerConfirmCompletion<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { dealId: c.req.valid("param").id };
    return c.json(toDealResponse(await confirmCompletion(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
