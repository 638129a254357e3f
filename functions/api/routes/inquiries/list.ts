import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { InquiryStatus } from "../../../../generated/prisma/enums.ts";
import { listInquiries } from "../../../inquiries/list-inquiries.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { InquirySchema, toInquiryResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/inquiries",
  tags: ["Inquiries"],
  summary: "My inquiries",
  description:
    "Buyers: the inquiries they sent. Sellers: those on their listings. Advisors: those on listings they advise. Admins: all.",
  access: "signed-in",
  failures: listInquiries.failures,
  request: { query: z.object({ status: z.enum(InquiryStatus).optional() }) },
  responses: {
    200: {
      description: "Newest first (at most 200)",
      content: { "application/json": { schema: z.object({ items: z.array(InquirySchema) }) } },
    },
  },
});

export function registerListInquiries<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const inquiries = await listInquiries(c.get("deps"), c.req.valid("query"), signedInRequest(c));
    return c.json({ items: inquiries.map(toInquiryResponse) }, 200);
  });
}
