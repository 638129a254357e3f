import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { getOffer } from "../../../offers/get-offer.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { OfferIdParamSchema, OfferWithVersionsSchema, toOfferResponse, toVersionResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/offers/{id}",
  tags: ["Offers"],
  summary: "An offer with every version of its terms",
  description:
    "Its buyer, the listing's seller and advisor, and admins. Anyone else, another buyer included, gets 404, as " +
    "for an offer that does not exist. The ETag is the latest version's number: send it as If-Match to answer.",
  access: "signed-in",
  failures: getOffer.failures,
  request: { params: OfferIdParamSchema },
  responses: {
    200: { description: "The offer", content: { "application/json": { schema: OfferWithVersionsSchema } } },
  },
});

export function registerGetOffer<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const offer = await getOffer(c.get("deps"), { offerId: c.req.valid("param").id }, signedInRequest(c));
    c.header("ETag", `"${offer.latest.number}"`);
    return c.json({ ...toOfferResponse(offer), versions: offer.versions.map(toVersionResponse) }, 200);
  });
}
