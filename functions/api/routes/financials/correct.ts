import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { correctFinancialYear } from "../../../financials/correct-financial-year.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { FinancialInputSchema, FinancialParamsSchema, FinancialSchema, toFinancialResponse } from "./schemas.ts";

const route = defineRoute({
  method: "put",
  path: "/businesses/{id}/financials/{financialId}",
  tags: ["Financials"],
  summary: "Correct a financial year's figures",
  description:
    "The listing's seller or advisor (or an admin). Replaces the figures; the year cannot collide with another entry.",
  access: "signed-in",
  failures: correctFinancialYear.failures,
  request: {
    params: FinancialParamsSchema,
    body: { required: true, content: { "application/json": { schema: FinancialInputSchema } } },
  },
  responses: { 200: { description: "Corrected", content: { "application/json": { schema: FinancialSchema } } } },
});

export function registerCorrectFinancialYear<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { id, financialId } = c.req.valid("param");
    const input = { businessId: id, financialId, ifMatch: c.req.header("if-match"), figures: c.req.valid("json") };
    return c.json(toFinancialResponse(await correctFinancialYear(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
