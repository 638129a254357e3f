import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { listFinancials } from "../../../financials/list-financials.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { IdParamSchema } from "../businesses/schemas.ts";
import { defineRoute } from "../define-route.ts";
import { FinancialSchema, toFinancialResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/businesses/{id}/financials",
  tags: ["Financials"],
  summary: "A listing's figures per financial year",
  description:
    "Readable by the listing's seller and advisor, admins, and buyers who accepted its NDA (403 for others).",
  access: "signed-in",
  failures: listFinancials.failures,
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: "Newest year first",
      content: { "application/json": { schema: z.object({ items: z.array(FinancialSchema) }) } },
    },
  },
});

export function registerListFinancials<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const rows = await listFinancials(c.get("deps"), { businessId: c.req.valid("param").id }, signedInRequest(c));
    return c.json({ items: rows.map(toFinancialResponse) }, 200);
  });
}
