import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { takeDownListing } from "../../../admin/take-down-listing.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { BusinessSchema, IdParamSchema, toBusinessResponse } from "../businesses/schemas.ts";
import { defineRoute } from "../define-route.ts";
import { ReasonBodySchema } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/admin/businesses/{id}/takedown",
  tags: ["Admin"],
  summary: "Take a listing down",
  description:
    "Admins only. Archives a listing whatever its status (misleading figures, prohibited business, complaint), with a " +
    "reason kept in the activity log. The seller can rework it as a draft and publish again.",
  access: "admin",
  failures: takeDownListing.failures,
  request: {
    params: IdParamSchema,
    body: { required: true, content: { "application/json": { schema: ReasonBodySchema } } },
  },
  responses: { 200: { description: "Taken down", content: { "application/json": { schema: BusinessSchema } } } },
});

export function registerTakeDownListing<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { businessId: c.req.valid("param").id, reason: c.req.valid("json").reason };
    return c.json(toBusinessResponse(await takeDownListing(c.get("deps"), input, signedInRequest(c)), true), 200);
  });
}
