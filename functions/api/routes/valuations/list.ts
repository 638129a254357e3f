import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { listValuations } from "../../../valuations/list-valuations.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { IdParamSchema } from "../businesses/schemas.ts";
import { defineRoute } from "../define-route.ts";
import { toValuationResponse, ValuationSchema } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/businesses/{id}/valuations",
  tags: ["Valuations"],
  summary: "A listing's valuations, newest first",
  description:
    "Each with its method, inputs, low/mid/high and who made it. Readable like the financials (NDA required).",
  access: "signed-in",
  failures: listValuations.failures,
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: "Valuations",
      content: { "application/json": { schema: z.object({ items: z.array(ValuationSchema) }) } },
    },
  },
});

export function registerListValuations<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const rows = await listValuations(c.get("deps"), { businessId: c.req.valid("param").id }, signedInRequest(c));
    return c.json({ items: rows.map(toValuationResponse) }, 200);
  });
}
