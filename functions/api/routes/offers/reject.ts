import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { rejectOffer } from "../../../offers/reject-offer.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { OfferIdParamSchema, OfferSchema, toOfferResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/offers/{id}/reject",
  tags: ["Offers"],
  summary: "Reject an offer, saying why",
  description:
    "Requires If-Match with the latest version's number (428 without it, 412 when stale). " +
    "The side whose turn it is; the offer ends. The buyer may make a new offer afterwards.",
  access: "signed-in",
  failures: rejectOffer.failures,
  request: {
    params: OfferIdParamSchema,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ reason: z.string().trim().min(1).max(2000) }).strict() } },
    },
  },
  responses: { 200: { description: "Rejected", content: { "application/json": { schema: OfferSchema } } } },
});

export function registerRejectOffer<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = {
      offerId: c.req.valid("param").id,
      ifMatch: c.req.header("if-match"),
      reason: c.req.valid("json").reason,
    };
    const offer = await rejectOffer(c.get("deps"), input, signedInRequest(c));
    c.header("ETag", `"${offer.latest.number}"`);
    return c.json(toOfferResponse(offer), 200);
  });
}
