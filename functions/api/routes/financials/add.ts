import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { addFinancialYear } from "../../../financials/add-financial-year.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { IdParamSchema } from "../businesses/schemas.ts";
import { defineRoute } from "../define-route.ts";
import { FinancialInputSchema, FinancialSchema, toFinancialResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/businesses/{id}/financials",
  tags: ["Financials"],
  summary: "Add a financial year's figures",
  description: "The listing's seller or advisor (or an admin). One entry per financial year (409 for a second).",
  access: "signed-in",
  failures: addFinancialYear.failures,
  request: {
    params: IdParamSchema,
    body: { required: true, content: { "application/json": { schema: FinancialInputSchema } } },
  },
  responses: { 201: { description: "Added", content: { "application/json": { schema: FinancialSchema } } } },
});

export function registerAddFinancialYear<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { businessId: c.req.valid("param").id, figures: c.req.valid("json") };
    return c.json(toFinancialResponse(await addFinancialYear(c.get("deps"), input, signedInRequest(c))), 201);
  });
}
