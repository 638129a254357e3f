import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { createListing } from "../../../listings/create-listing.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { BusinessInputSchema, BusinessSchema, toBusinessResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/businesses",
  tags: ["Listings"],
  summary: "Create a listing (as a draft)",
  description: "Sellers only. The listing starts as DRAFT; publish it with POST /businesses/{id}/status.",
  access: "signed-in",
  failures: createListing.failures,
  request: { body: { required: true, content: { "application/json": { schema: BusinessInputSchema } } } },
  responses: { 201: { description: "Created", content: { "application/json": { schema: BusinessSchema } } } },
});

export function registerCreateBusiness<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const business = await createListing(c.get("deps"), c.req.valid("json"), signedInRequest(c));
    c.header("ETag", `"${business.version}"`);
    c.header("Location", `/businesses/${business.id}`);
    return c.json(toBusinessResponse(business, true), 201);
  });
}
