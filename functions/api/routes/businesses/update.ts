import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { AppError } from "../../../errors/app-error.ts";
import { loadBusinessForOwner } from "../../access/business-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { requiredIfMatchVersion } from "./if-match.ts";
import { BusinessSchema, BusinessUpdateSchema, IdParamSchema, toBusinessData, toBusinessResponse } from "./schemas.ts";

const route = createRoute({
  method: "patch",
  path: "/businesses/{id}",
  tags: ["Listings"],
  summary: "Edit a listing",
  description:
    'The listing\'s seller or an admin. Requires If-Match: "<version>" (the ETag); a stale version gets 412.',
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: IdParamSchema,
    body: { required: true, content: { "application/json": { schema: BusinessUpdateSchema } } },
  },
  responses: {
    200: { description: "Updated", content: { "application/json": { schema: BusinessSchema } } },
    ...problems(400, 401, 403, 404, 412, 428),
  },
});

export function registerUpdateBusiness<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma } = c.get("deps");
    const business = await loadBusinessForOwner(prisma, c.req.valid("param").id, currentUser(c));
    const version = requiredIfMatchVersion(c.req.header("if-match"));
    // Versions are 32-bit; anything larger cannot be current.
    if (version > 2_147_483_647)
      throw new AppError("version_conflict", `The listing is at version ${business.version}.`);
    // Compare-and-set on the version: of two concurrent edits from the same version, one wins.
    const { count } = await prisma.business.updateMany({
      where: { id: business.id, version, deletedAt: null },
      data: {
        ...toBusinessData(c.req.valid("json")),
        version: { increment: 1 },
        lastActivityAt: c.var.request.receivedAt,
      },
    });
    if (count === 0)
      throw new AppError("version_conflict", `The listing is at version ${business.version}, not ${version}.`);
    const updated = await prisma.business.findUniqueOrThrow({ where: { id: business.id } });
    c.header("ETag", `"${updated.version}"`);
    return c.json(toBusinessResponse(updated, true), 200);
  });
}
