import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { signHeadsOfTerms } from "../../../deals/sign-heads-of-terms.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealIdParamSchema, DealSchema, SignatureInputSchema, toDealResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/deals/{id}/signatures",
  tags: ["Deals"],
  summary: "Sign the heads of terms",
  description:
    "The buyer or the seller: the full name typed, explicit consent, and the SHA-256 of the PDF read (400 when it is " +
    "not the stored one). The time, address and browser are recorded. The second signature starts exclusivity: " +
    "the listing goes under offer and the other offers stay on hold.",
  access: "signed-in",
  failures: signHeadsOfTerms.failures,
  request: {
    params: DealIdParamSchema,
    body: { required: true, content: { "application/json": { schema: SignatureInputSchema } } },
  },
  responses: { 200: { description: "Signed", content: { "application/json": { schema: DealSchema } } } },
});

export function registerSignHeadsOfTerms<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = {
      dealId: c.req.valid("param").id,
      fullName: c.req.valid("json").fullName,
      documentSha256: c.req.valid("json").documentSha256,
    };
    return c.json(toDealResponse(await signHeadsOfTerms(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
