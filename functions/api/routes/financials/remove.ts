import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { removeFinancialYear } from "../../../financials/remove-financial-year.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { FinancialParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "delete",
  path: "/businesses/{id}/financials/{financialId}",
  tags: ["Financials"],
  summary: "Remove a financial year's figures (soft delete; kept 6 years for HMRC)",
  description: "The listing's seller or advisor (or an admin).",
  access: "signed-in",
  failures: removeFinancialYear.failures,
  request: { params: FinancialParamsSchema },
  responses: { 204: { description: "Removed" } },
});

export function registerRemoveFinancialYear<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { id, financialId } = c.req.valid("param");
    await removeFinancialYear(c.get("deps"), { businessId: id, financialId }, signedInRequest(c));
    return c.body(null, 204);
  });
}
