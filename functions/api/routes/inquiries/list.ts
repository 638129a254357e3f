import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { INQUIRY_INCLUDE, InquirySchema, toInquiryResponse } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/inquiries",
  tags: ["Inquiries"],
  summary: "My inquiries",
  description:
    "Buyers: the inquiries they sent. Sellers: those on their listings. Advisors: those on listings they advise. Admins: all.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { query: z.object({ status: z.enum(["PENDING", "ACCEPTED", "DECLINED", "WITHDRAWN"]).optional() }) },
  responses: {
    200: {
      description: "Newest first (at most 200)",
      content: { "application/json": { schema: z.object({ items: z.array(InquirySchema) }) } },
    },
    ...problems(400, 401),
  },
});

export function registerListInquiries<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const user = currentUser(c);
    const scope =
      user.role === "ADMIN"
        ? {}
        : user.role === "BUYER"
          ? { buyerId: user.id }
          : user.role === "SELLER"
            ? { business: { sellerId: user.id, deletedAt: null } }
            : { business: { advisor: { userId: user.id }, deletedAt: null } };
    const status = c.req.valid("query").status;
    const inquiries = await c.get("deps").prisma.inquiry.findMany({
      where: { ...scope, deletedAt: null, ...(status ? { status } : {}) },
      include: INQUIRY_INCLUDE,
      orderBy: { createdAt: "desc" },
      take: 200,
    });
    return c.json({ items: inquiries.map(toInquiryResponse) }, 200);
  });
}
