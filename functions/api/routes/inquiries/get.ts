import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { getInquiry } from "../../../inquiries/get-inquiry.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { InquiryIdParamSchema, InquirySchema, toInquiryResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/inquiries/{id}",
  tags: ["Inquiries"],
  summary: "One inquiry",
  description: "Visible to its buyer, the listing's seller and advisor, and admins.",
  access: "signed-in",
  failures: getInquiry.failures,
  request: { params: InquiryIdParamSchema },
  responses: { 200: { description: "The inquiry", content: { "application/json": { schema: InquirySchema } } } },
});

export function registerGetInquiry<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const inquiry = await getInquiry(c.get("deps"), { inquiryId: c.req.valid("param").id }, signedInRequest(c));
    return c.json(toInquiryResponse(inquiry), 200);
  });
}
