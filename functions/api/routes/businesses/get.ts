import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { viewListing } from "../../../listings/view-listing.ts";
import type { AppEnv } from "../../app-context.ts";
import { defineRoute } from "../define-route.ts";
import { IdParamSchema, ListingDetailSchema, toBusinessResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/businesses/{id}",
  tags: ["Listings"],
  summary: "One listing",
  description:
    "Public for published, under-offer and sold listings. Identifying fields (trading name, company number, town, " +
    "postcode, seller) of a confidential listing are null unless the caller is its seller, advisor, an admin, or a buyer " +
    "with an accepted NDA. Counts a view when the caller is not its seller. The ETag is the listing's version. " +
    "sellerResponse: the seller's median time to first answer an inquiry over 90 days (pending ones count as waited so far).",
  access: "optional",
  failures: viewListing.failures,
  request: { params: IdParamSchema },
  responses: { 200: { description: "The listing", content: { "application/json": { schema: ListingDetailSchema } } } },
});

export function registerGetBusiness<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { business, seesIdentity, sellerResponse } = await viewListing(
      c.get("deps"),
      { businessId: c.req.valid("param").id },
      c.var.request,
    );
    c.header("ETag", `"${business.version}"`);
    return c.json({ ...toBusinessResponse(business, seesIdentity), sellerResponse }, 200);
  });
}
