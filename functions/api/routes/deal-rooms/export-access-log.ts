import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { exportAccessLog } from "../../../deal-rooms/export-access-log.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { accessLogCsv, accessLogJson } from "./access-log-formats.ts";
import { DealRoomParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/deal-rooms/{id}/access-log/export",
  tags: ["Deal room documents"],
  summary: "Export the room's complete access log (CSV or JSON)",
  description:
    "The room's owner and admins. Every view and download of the room's documents, oldest first, with no row " +
    "limit (streamed): who, which document and version, when, from which address and browser, view or download. " +
    "Each row carries its place in the activity log's hash chain (hash, previous hash, salted digest of its " +
    "personal fields), and the export names the chain head it was taken at (also in the X-Activity-Chain-Head " +
    "header), so it can be checked against the chain later: `npm run audit:verify -- --export <file.json>`.",
  access: "signed-in",
  failures: exportAccessLog.failures,
  request: {
    params: DealRoomParamsSchema,
    query: z.object({ format: z.enum(["json", "csv"]).default("json") }),
  },
  responses: {
    200: {
      description: "The access log",
      content: {
        "application/json": { schema: z.object({}).passthrough().openapi({ description: "See the description" }) },
        "text/csv": { schema: z.string() },
      },
    },
  },
});

export function registerAccessLogExport<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const exported = await exportAccessLog(c.get("deps"), { dealRoomId: c.req.valid("param").id }, signedInRequest(c));
    const { format } = c.req.valid("query");
    const name = `access-log-${exported.dealRoomId}.${format}`;
    return c.body(format === "csv" ? accessLogCsv(exported) : accessLogJson(exported), 200, {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
      "content-disposition": `attachment; filename="${name}"`,
      "x-activity-chain-head": `${exported.chainHead.lastId}:${exported.chainHead.lastHash}`,
    });
  });
}
