import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { Prisma } from "../../../../generated/prisma/client.ts";
import { AppError } from "../../../errors/app-error.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { BusinessInputSchema, BusinessSchema, toBusinessData, toBusinessResponse } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/businesses",
  tags: ["Listings"],
  summary: "Create a listing (as a draft)",
  description: "Sellers only. The listing starts as DRAFT; publish it with POST /businesses/{id}/status.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { body: { required: true, content: { "application/json": { schema: BusinessInputSchema } } } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: BusinessSchema } } },
    ...problems(400, 401, 403),
  },
});

export function registerCreateBusiness<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const user = currentUser(c);
    if (user.role !== "SELLER") throw new AppError("forbidden", "Only sellers can list businesses.");
    const business = await c.get("deps").prisma.business.create({
      // The body passed the full input schema, so every required column is present.
      data: {
        ...(toBusinessData(c.req.valid("json")) as Prisma.BusinessUncheckedCreateInput),
        sellerId: user.id,
        status: "DRAFT",
      },
    });
    c.header("ETag", `"${business.version}"`);
    c.header("Location", `/businesses/${business.id}`);
    return c.json(toBusinessResponse(business, true), 201);
  });
}
