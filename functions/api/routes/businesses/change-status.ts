import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { BusinessStatus } from "../../../../generated/prisma/enums.ts";
import { changeListingStatus } from "../../../listings/change-listing-status.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { BusinessSchema, IdParamSchema, toBusinessResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/businesses/{id}/status",
  tags: ["Listings"],
  summary: "Publish, mark under offer or sold, archive, or relist",
  description:
    "Allowed: DRAFT -> PUBLISHED | ARCHIVED; PUBLISHED -> UNDER_OFFER | ARCHIVED; UNDER_OFFER -> PUBLISHED | SOLD | " +
    "ARCHIVED; ARCHIVED -> DRAFT. Anything else is 409 invalid_transition.",
  access: "signed-in",
  failures: changeListingStatus.failures,
  request: {
    params: IdParamSchema,
    body: { required: true, content: { "application/json": { schema: z.object({ status: z.enum(BusinessStatus) }) } } },
  },
  responses: { 200: { description: "Status changed", content: { "application/json": { schema: BusinessSchema } } } },
});

export function registerChangeBusinessStatus<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { businessId: c.req.valid("param").id, status: c.req.valid("json").status };
    const updated = await changeListingStatus(c.get("deps"), input, signedInRequest(c));
    c.header("ETag", `"${updated.version}"`);
    return c.json(toBusinessResponse(updated, true), 200);
  });
}
