import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { listMyOffers } from "../../../offers/list-my-offers.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { OfferSchema, toOfferResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/offers",
  tags: ["Offers"],
  summary: "The offers you have made",
  description: "A buyer's own offers, newest first (the seller's side reads a listing's board instead).",
  access: "signed-in",
  failures: listMyOffers.failures,
  responses: {
    200: {
      description: "Your offers",
      content: { "application/json": { schema: z.object({ offers: z.array(OfferSchema) }) } },
    },
  },
});

export function registerListMyOffers<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const offers = await listMyOffers(c.get("deps"), {}, signedInRequest(c));
    return c.json({ offers: offers.map(toOfferResponse) }, 200);
  });
}
