import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { updateListing } from "../../../listings/update-listing.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { BusinessSchema, BusinessUpdateSchema, IdParamSchema, toBusinessResponse } from "./schemas.ts";

const route = defineRoute({
  method: "patch",
  path: "/businesses/{id}",
  tags: ["Listings"],
  summary: "Edit a listing",
  description:
    'The listing\'s seller or an admin. Requires If-Match: "<version>" (the ETag); a stale version gets 412.',
  access: "signed-in",
  failures: updateListing.failures,
  request: {
    params: IdParamSchema,
    body: { required: true, content: { "application/json": { schema: BusinessUpdateSchema } } },
  },
  responses: { 200: { description: "Updated", content: { "application/json": { schema: BusinessSchema } } } },
});

export function registerUpdateBusiness<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = {
      businessId: c.req.valid("param").id,
      ifMatch: c.req.header("if-match"),
      changes: c.req.valid("json"),
    };
    const updated = await updateListing(c.get("deps"), input, signedInRequest(c));
    c.header("ETag", `"${updated.version}"`);
    return c.json(toBusinessResponse(updated, true), 200);
  });
}
