import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { valueListing } from "../../../valuations/value-listing.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { IdParamSchema } from "../businesses/schemas.ts";
import { defineRoute } from "../define-route.ts";
import { toValuationResponse, ValuationInputSchema, ValuationSchema } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/businesses/{id}/valuations",
  tags: ["Valuations"],
  summary: "Value a listing",
  description: "The listing's seller or its advisor (or an admin).",
  access: "signed-in",
  failures: valueListing.failures,
  request: {
    params: IdParamSchema,
    body: { required: true, content: { "application/json": { schema: ValuationInputSchema } } },
  },
  responses: { 201: { description: "Created", content: { "application/json": { schema: ValuationSchema } } } },
});

export function registerCreateValuation<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { businessId: c.req.valid("param").id, valuation: c.req.valid("json") };
    return c.json(toValuationResponse(await valueListing(c.get("deps"), input, signedInRequest(c))), 201);
  });
}
