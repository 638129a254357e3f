import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { AppError } from "../../../errors/app-error.ts";
import { loadBusinessFor } from "../../access/business-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { IdParamSchema } from "../businesses/schemas.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { INQUIRY_INCLUDE, InquirySchema, toInquiryResponse } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/businesses/{id}/inquiries",
  tags: ["Inquiries"],
  summary: "Inquire about a listing",
  description: "Buyers only, on published listings; one live inquiry per buyer and listing (409 otherwise).",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ message: z.string().trim().min(10).max(5000) }) } },
    },
  },
  responses: {
    201: { description: "Inquiry sent", content: { "application/json": { schema: InquirySchema } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

export function registerCreateInquiry<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma } = c.get("deps");
    const user = currentUser(c);
    if (user.role !== "BUYER") throw new AppError("forbidden", "Only buyers can inquire about a listing.");
    const { business } = await loadBusinessFor(prisma, c.req.valid("param").id, user);
    if (business.status !== "PUBLISHED") {
      throw new AppError(
        "invalid_transition",
        `This listing is ${business.status.toLowerCase().replace("_", " ")}; it takes no inquiries.`,
      );
    }
    const inquiry = await prisma.$transaction(async (tx) => {
      const created = await tx.inquiry
        .create({
          data: { businessId: business.id, buyerId: user.id, message: c.req.valid("json").message },
          include: INQUIRY_INCLUDE,
        })
        .catch((error: { code?: string }) => {
          throw error.code === "P2002"
            ? new AppError("conflict", "You already have an inquiry about this listing.")
            : error;
        });
      await tx.business.update({ where: { id: business.id }, data: { lastActivityAt: c.var.request.receivedAt } });
      return created;
    });
    return c.json(toInquiryResponse(inquiry), 201);
  });
}
