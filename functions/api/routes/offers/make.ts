import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { makeOffer } from "../../../offers/make-offer.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { IdParamSchema } from "../businesses/schemas.ts";
import { defineRoute } from "../define-route.ts";
import { OfferSchema, OfferTermsSchema, toOfferResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/businesses/{id}/offers",
  tags: ["Offers"],
  summary: "Make an offer on a listing",
  description:
    "A buyer whose inquiry was accepted and who signed the NDA (403 nda_required otherwise), on a listing that is " +
    "published or under offer without exclusivity in force (409 listing_not_open_for_offers, " +
    "listing_in_exclusivity). One live offer per buyer and listing (409 offer_already_live). The terms' rules " +
    "answer 400 validation_failed naming each field. The ETag is the version to answer.",
  access: "signed-in",
  failures: makeOffer.failures,
  request: {
    params: IdParamSchema,
    body: { required: true, content: { "application/json": { schema: OfferTermsSchema } } },
  },
  responses: { 201: { description: "Offer made", content: { "application/json": { schema: OfferSchema } } } },
});

export function registerMakeOffer<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { listingId: c.req.valid("param").id, terms: c.req.valid("json") };
    const offer = await makeOffer(c.get("deps"), input, signedInRequest(c));
    c.header("ETag", `"${offer.latest.number}"`);
    c.header("Location", `/offers/${offer.id}`);
    return c.json(toOfferResponse(offer), 201);
  });
}
