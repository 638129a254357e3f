import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { recordBuyerDueDiligence } from "../../../admin/record-buyer-due-diligence.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DueDiligenceInputSchema, DueDiligenceSchema, toDueDiligenceResponse } from "./due-diligence-schemas.ts";
import { UserIdParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "put",
  path: "/admin/users/{id}/due-diligence",
  tags: ["Admin"],
  summary: "Record a buyer's customer due diligence",
  description:
    "Admins only (Money Laundering Regulations 2017): how and when the buyer's identity was checked, the evidence " +
    "of their source of funds, and the risk rating. Replaces the buyer's record; the audit trail keeps every " +
    "version. Offers from the buyer can be accepted while the record is current.",
  access: "admin",
  failures: recordBuyerDueDiligence.failures,
  request: {
    params: UserIdParamsSchema,
    body: { required: true, content: { "application/json": { schema: DueDiligenceInputSchema } } },
  },
  responses: { 200: { description: "Recorded", content: { "application/json": { schema: DueDiligenceSchema } } } },
});

export function registerRecordDueDiligence<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const input = {
      userId: c.req.valid("param").id,
      record: { ...body, identityCheckedAt: new Date(body.identityCheckedAt) },
    };
    return c.json(toDueDiligenceResponse(await recordBuyerDueDiligence(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
