import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { CURRENT_NDA_VERSION } from "../../../domain/inquiry-status.ts";
import { acceptNda } from "../../../inquiries/accept-nda.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { InquiryIdParamSchema, InquirySchema, toInquiryResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/inquiries/{id}/nda",
  tags: ["Inquiries"],
  summary: "Accept the NDA",
  description:
    `The buyer accepts the NDA (current version ${CURRENT_NDA_VERSION}) on an accepted inquiry. Records the version, ` +
    "time and IP address, reveals the listing's identity to the buyer and admits them to the deal room.",
  access: "signed-in",
  failures: acceptNda.failures,
  request: {
    params: InquiryIdParamSchema,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            ndaVersion: z.literal(CURRENT_NDA_VERSION, {
              error: `must be the current NDA version, ${CURRENT_NDA_VERSION}`,
            }),
          }),
        },
      },
    },
  },
  responses: { 200: { description: "NDA accepted", content: { "application/json": { schema: InquirySchema } } } },
});

export function registerAcceptNda<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { inquiryId: c.req.valid("param").id, ndaVersion: c.req.valid("json").ndaVersion };
    return c.json(toInquiryResponse(await acceptNda(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
