import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { exportDealRecord } from "../../../deals/export-deal-record.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealIdParamSchema } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/deals/{id}/record",
  tags: ["Deals"],
  summary: "Export the deal record (JSON), checkable without trusting ExitMatch",
  description:
    "Both parties, the listing's advisor and admins. Every offer version, the heads of terms (PDF, base64) and " +
    "their signatures, exclusivity and completion, and every audited change to those rows with its position " +
    "and hash in the audit chain, the chain's head, and the newest anchor written outside the database (S3 " +
    "under Object Lock). Each row's hash can be recomputed from the file alone; `npm run audit:verify -- " +
    "--deal-record <file>` checks it against the chain and the anchors.",
  access: "signed-in",
  failures: exportDealRecord.failures,
  request: { params: DealIdParamSchema },
  responses: {
    200: {
      description: "The deal record",
      content: { "application/json": { schema: z.object({}).passthrough().openapi("DealRecord") } },
    },
  },
});

export function registerExportDealRecord<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const record = await exportDealRecord(c.get("deps"), { dealId: c.req.valid("param").id }, signedInRequest(c));
    c.header("content-disposition", `attachment; filename="deal-record-${record.deal.id}.json"`);
    return c.json(JSON.parse(JSON.stringify(record)) as Record<string, unknown>, 200);
  });
}
