import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { dbUtils } from "../../../db/soft-delete.ts";
import { loadBusinessForOwner } from "../../access/business-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { IdParamSchema } from "./schemas.ts";

const route = createRoute({
  method: "delete",
  path: "/businesses/{id}",
  tags: ["Listings"],
  summary: "Delete a listing (soft delete; kept for retention)",
  description: "The listing's seller or an admin. The listing disappears from every read at once.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: IdParamSchema },
  responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404) },
});

export function registerDeleteBusiness<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma } = c.get("deps");
    const business = await loadBusinessForOwner(prisma, c.req.valid("param").id, currentUser(c));
    await dbUtils.softDelete(prisma, "Business", business.id, c.var.request.receivedAt);
    return c.body(null, 204);
  });
}
