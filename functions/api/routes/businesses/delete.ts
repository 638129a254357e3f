import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { deleteListing } from "../../../listings/delete-listing.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { IdParamSchema } from "./schemas.ts";

const route = defineRoute({
  method: "delete",
  path: "/businesses/{id}",
  tags: ["Listings"],
  summary: "Delete a listing (soft delete; kept for retention)",
  description: "The listing's seller or an admin. The listing disappears from every read at once.",
  access: "signed-in",
  failures: deleteListing.failures,
  request: { params: IdParamSchema },
  responses: { 204: { description: "Deleted" } },
});

export function registerDeleteBusiness<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    await deleteListing(c.get("deps"), { businessId: c.req.valid("param").id }, signedInRequest(c));
    return c.body(null, 204);
  });
}
