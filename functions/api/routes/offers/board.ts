import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { getOfferBoard } from "../../../offers/offer-board.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { IdParamSchema } from "../businesses/schemas.ts";
import { defineRoute } from "../define-route.ts";
import { BoardQuerySchema, BoardSchema, toBoardEntry } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/businesses/{id}/offers",
  tags: ["Offers"],
  summary: "The seller's board: every live offer on a listing",
  description:
    "The listing's seller, its advisor, or an admin (403 for anyone else). Each live offer's latest terms side by " +
    "side: price, cash at completion and its share, the share paid later, the implied multiple of the latest " +
    "EBITDA (or SDE), conditions, exclusivity asked, time left, and whether the buyer is verified. Sortable by each.",
  access: "signed-in",
  failures: getOfferBoard.failures,
  request: { params: IdParamSchema, query: BoardQuerySchema },
  responses: { 200: { description: "The board", content: { "application/json": { schema: BoardSchema } } } },
});

export function registerOfferBoard<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { listingId: c.req.valid("param").id, ...c.req.valid("query") };
    const board = await getOfferBoard(c.get("deps"), input, signedInRequest(c));
    return c.json({ listingId: board.listingId, offers: board.offers.map(toBoardEntry) }, 200);
  });
}
