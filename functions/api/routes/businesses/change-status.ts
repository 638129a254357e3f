import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { allowedTransitions, canTransition } from "../../../domain/business-status.ts";
import { AppError } from "../../../errors/app-error.ts";
import { loadBusinessForOwner } from "../../access/business-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { BusinessSchema, IdParamSchema, STATUSES, toBusinessResponse } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/businesses/{id}/status",
  tags: ["Listings"],
  summary: "Publish, mark under offer or sold, archive, or relist",
  description:
    "Allowed: DRAFT -> PUBLISHED | ARCHIVED; PUBLISHED -> UNDER_OFFER | ARCHIVED; UNDER_OFFER -> PUBLISHED | SOLD | " +
    "ARCHIVED; ARCHIVED -> DRAFT. Anything else is 409 invalid_transition.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: IdParamSchema,
    body: { required: true, content: { "application/json": { schema: z.object({ status: z.enum(STATUSES) }) } } },
  },
  responses: {
    200: { description: "Status changed", content: { "application/json": { schema: BusinessSchema } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

export function registerChangeBusinessStatus<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma } = c.get("deps");
    const business = await loadBusinessForOwner(prisma, c.req.valid("param").id, currentUser(c));
    const target = c.req.valid("json").status;
    if (!canTransition(business.status, target)) {
      const allowed = allowedTransitions(business.status);
      throw new AppError(
        "invalid_transition",
        `A ${business.status} listing can move to ${allowed.length ? allowed.join(" or ") : "nothing (final)"}, not ${target}.`,
      );
    }
    const now = c.var.request.receivedAt;
    // Conditional on the status we checked, so two concurrent changes cannot both apply.
    const { count } = await prisma.business.updateMany({
      where: { id: business.id, status: business.status, deletedAt: null },
      data: {
        status: target,
        version: { increment: 1 },
        lastActivityAt: now,
        ...(target === "PUBLISHED" && !business.publishedAt ? { publishedAt: now } : {}),
      },
    });
    if (count === 0) throw new AppError("conflict", "The listing's status changed meanwhile; read it again.");
    const updated = await prisma.business.findUniqueOrThrow({ where: { id: business.id } });
    c.header("ETag", `"${updated.version}"`);
    return c.json(toBusinessResponse(updated, true), 200);
  });
}
