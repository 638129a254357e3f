import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { exportAccessLog } from "../../../deal-rooms/export-access-log.ts";
import { loadDealRoomFor, requireRole } from "../../access/deal-room-access.ts";
import { accessLogCsv, accessLogJson } from "../../access-log-formats.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { DealRoomParamsSchema } from "./schemas.ts";

const route = createRoute({
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
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
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
    ...problems(400, 401, 403, 404),
  },
});

export function registerAccessLogExport<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma } = c.get("deps");
    const access = await loadDealRoomFor(prisma, c.req.valid("param").id, currentUser(c), c.var.request.receivedAt);
    requireRole(access, ["OWNER"], "export the access log");
    // Read as the caller (row-level security); deleted documents stay in the log, so they count.
    const documents = await prisma.document.findMany({
      where: { dealRoomId: access.room.id, deletedAt: undefined },
      select: { id: true, fileName: true, version: true },
    });
    const exported = await exportAccessLog(prisma, documents);
    const { format } = c.req.valid("query");
    const name = `access-log-${access.room.id}.${format}`;
    return c.body(format === "csv" ? accessLogCsv(exported) : accessLogJson(access.room.id, exported), 200, {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
      "content-disposition": `attachment; filename="${name}"`,
      "x-activity-chain-head": `${exported.chainHead.lastId}:${exported.chainHead.lastHash}`,
    });
  });
}
