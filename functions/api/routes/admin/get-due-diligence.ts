import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { getBuyerDueDiligence } from "../../../admin/get-buyer-due-diligence.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DueDiligenceSchema, toDueDiligenceResponse } from "./due-diligence-schemas.ts";
import { UserIdParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/admin/users/{id}/due-diligence",
  tags: ["Admin"],
  summary: "A buyer's customer due diligence record",
  description: "Admins only. 404 when none is recorded.",
  access: "admin",
  failures: getBuyerDueDiligence.failures,
  request: { params: UserIdParamsSchema },
  responses: { 200: { description: "The record", content: { "application/json": { schema: DueDiligenceSchema } } } },
});

export function registerGetDueDiligence<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const record = await getBuyerDueDiligence(c.get("deps"), { userId: c.req.valid("param").id }, signedInRequest(c));
    return c.json(toDueDiligenceResponse(record), 200);
  });
}
