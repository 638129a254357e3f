import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { counterOffer } from "../../../offers/counter-offer.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { OfferIdParamSchema, OfferSchema, OfferTermsSchema, toOfferResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/offers/{id}/counter",
  tags: ["Offers"],
  summary: "Counter an offer with new terms",
  description:
    "Requires If-Match with the latest version's number (428 without it, 412 when stale). " +
    "The side whose turn it is (409 not_your_turn otherwise) proposes a new version; the turn passes to the other side.",
  access: "signed-in",
  failures: counterOffer.failures,
  request: {
    params: OfferIdParamSchema,
    body: { required: true, content: { "application/json": { schema: OfferTermsSchema } } },
  },
  responses: { 200: { description: "Countered", content: { "application/json": { schema: OfferSchema } } } },
});

export function registerCounterOffer<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { offerId: c.req.valid("param").id, ifMatch: c.req.header("if-match"), terms: c.req.valid("json") };
    const offer = await counterOffer(c.get("deps"), input, signedInRequest(c));
    c.header("ETag", `"${offer.latest.number}"`);
    return c.json(toOfferResponse(offer), 200);
  });
}
