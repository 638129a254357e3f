import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { withdrawValuation } from "../../../valuations/withdraw-valuation.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { ValuationParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "delete",
  path: "/businesses/{id}/valuations/{valuationId}",
  tags: ["Valuations"],
  summary: "Withdraw a valuation (soft delete)",
  description: "Its author, or an admin.",
  access: "signed-in",
  failures: withdrawValuation.failures,
  request: { params: ValuationParamsSchema },
  responses: { 204: { description: "Withdrawn" } },
});

export function registerWithdrawValuation<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { id, valuationId } = c.req.valid("param");
    await withdrawValuation(c.get("deps"), { businessId: id, valuationId }, signedInRequest(c));
    return c.body(null, 204);
  });
}
