import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { loadInquiryFor } from "../../access/inquiry-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { INQUIRY_INCLUDE, InquiryIdParamSchema, InquirySchema, toInquiryResponse } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/inquiries/{id}",
  tags: ["Inquiries"],
  summary: "One inquiry",
  description: "Visible to its buyer, the listing's seller and advisor, and admins.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: InquiryIdParamSchema },
  responses: {
    200: { description: "The inquiry", content: { "application/json": { schema: InquirySchema } } },
    ...problems(400, 401, 404),
  },
});

export function registerGetInquiry<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma } = c.get("deps");
    const { inquiry } = await loadInquiryFor(prisma, c.req.valid("param").id, currentUser(c));
    const full = await prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id }, include: INQUIRY_INCLUDE });
    return c.json(toInquiryResponse(full), 200);
  });
}
