import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { AppError } from "../../../errors/app-error.ts";
import type { AppEnv } from "../../app-context.ts";
import { currentUser } from "../../middleware/authenticate.ts";
import { requireAdmin } from "../../middleware/require-admin.ts";
import { BusinessSchema, IdParamSchema, toBusinessResponse } from "../businesses/schemas.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";

const moderate = createRoute({
  method: "post",
  path: "/admin/businesses/{id}/takedown",
  tags: ["Admin"],
  summary: "Take a listing down",
  description:
    "Admins only. Archives a listing whatever its status (misleading figures, prohibited business, complaint), with a " +
    "reason kept in the activity log. The seller can rework it as a draft and publish again.",
  security: bearerAuth,
  middleware: [requireAdmin] as const,
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ reason: z.string().trim().min(5).max(1000) }) } },
    },
  },
  responses: {
    200: { description: "Taken down", content: { "application/json": { schema: BusinessSchema } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

export function registerModerationRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(moderate, async (c) => {
    const { prisma } = c.get("deps");
    const business = await prisma.business.findFirst({ where: { id: c.req.valid("param").id, deletedAt: null } });
    if (!business) throw new AppError("not_found", "No such business.");
    if (business.status === "ARCHIVED") throw new AppError("invalid_transition", "The listing is already archived.");
    const [updated] = await prisma.$transaction([
      prisma.business.update({ where: { id: business.id }, data: { status: "ARCHIVED", version: { increment: 1 } } }),
      prisma.activityLog.create({
        data: {
          userId: currentUser(c).id,
          action: "admin.listing_taken_down",
          entityType: "business",
          entityId: business.id,
          metadata: { reason: c.req.valid("json").reason, previousStatus: business.status },
        },
      }),
    ]);
    return c.json(toBusinessResponse(updated, true), 200);
  });
}
