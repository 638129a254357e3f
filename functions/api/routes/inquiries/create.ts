import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { sendInquiry } from "../../../inquiries/send-inquiry.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { IdParamSchema } from "../businesses/schemas.ts";
import { defineRoute } from "../define-route.ts";
import { InquirySchema, toInquiryResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/businesses/{id}/inquiries",
  tags: ["Inquiries"],
  summary: "Inquire about a listing",
  description: "Buyers only, on published listings; one live inquiry per buyer and listing (409 otherwise).",
  access: "signed-in",
  failures: sendInquiry.failures,
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ message: z.string().trim().min(10).max(5000) }) } },
    },
  },
  responses: { 201: { description: "Inquiry sent", content: { "application/json": { schema: InquirySchema } } } },
});

export function registerCreateInquiry<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { businessId: c.req.valid("param").id, message: c.req.valid("json").message };
    const inquiry = await sendInquiry(c.get("deps"), input, signedInRequest(c));
    return c.json(toInquiryResponse(inquiry), 201);
  });
}
