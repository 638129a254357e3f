import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { withdrawOffer } from "../../../offers/withdraw-offer.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { OfferIdParamSchema, OfferSchema, toOfferResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/offers/{id}/withdraw",
  tags: ["Offers"],
  summary: "Withdraw your offer",
  description:
    "Requires If-Match with the latest version's number (428 without it, 412 when stale). " +
    "The buyer, whoever's turn it is, even while the offer is on hold.",
  access: "signed-in",
  failures: withdrawOffer.failures,
  request: {
    params: OfferIdParamSchema,
  },
  responses: { 200: { description: "Withdrawn", content: { "application/json": { schema: OfferSchema } } } },
});

export function registerWithdrawOffer<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { offerId: c.req.valid("param").id, ifMatch: c.req.header("if-match") };
    const offer = await withdrawOffer(c.get("deps"), input, signedInRequest(c));
    c.header("ETag", `"${offer.latest.number}"`);
    return c.json(toOfferResponse(offer), 200);
  });
}
