import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { acceptOffer } from "../../../offers/accept-offer.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { OfferIdParamSchema, OfferSchema, toOfferResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/offers/{id}/accept",
  tags: ["Offers"],
  summary: "Accept the latest version of an offer",
  description:
    "Requires If-Match with the latest version's number (428 without it, 412 when stale). " +
    "The side whose turn it is. The buyer needs a current due diligence record (409 buyer_due_diligence_required). " +
    "Makes the deal and its heads of terms (PDF, SHA-256); every other live offer on the listing goes on hold.",
  access: "signed-in",
  failures: acceptOffer.failures,
  request: {
    params: OfferIdParamSchema,
  },
  responses: { 200: { description: "Accepted", content: { "application/json": { schema: OfferSchema } } } },
});

export function registerAcceptOffer<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { offerId: c.req.valid("param").id, ifMatch: c.req.header("if-match") };
    const offer = await acceptOffer(c.get("deps"), input, signedInRequest(c));
    c.header("ETag", `"${offer.latest.number}"`);
    return c.json(toOfferResponse(offer), 200);
  });
}
