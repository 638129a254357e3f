import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { AuditAction } from "../../../../generated/prisma/enums.ts";
import { readAuditTrail } from "../../../admin/read-audit-trail.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";

const route = defineRoute({
  method: "get",
  path: "/admin/audit",
  tags: ["Admin"],
  summary: "Read the audit log",
  description:
    "Admins only. Data changes as PostgreSQL's triggers recorded them, newest first, at most 500; filter by table, " +
    'row, actor and request. Sensitive values read "[redacted]".',
  access: "admin",
  failures: readAuditTrail.failures,
  request: {
    query: z.object({
      tableName: z.string().max(100).optional(),
      rowId: z.string().max(100).optional(),
      actorUserId: uuid().optional(),
      requestId: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: {
      description: "Changes",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                tableName: z.string(),
                rowId: z.string(),
                action: z.enum(AuditAction),
                changedColumns: z.array(z.string()),
                changes: z.unknown(),
                actorUserId: uuid().nullable(),
                requestId: z.string().nullable(),
                dbRole: z.string(),
                occurredAt: z.iso.datetime(),
              }),
            ),
          }),
        },
      },
    },
  },
});

export function registerReadAudit<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const rows = await readAuditTrail(c.get("deps"), c.req.valid("query"), signedInRequest(c));
    return c.json(
      {
        items: rows.map((row) => ({
          id: row.id.toString(),
          tableName: row.tableName,
          rowId: row.rowId,
          action: row.action,
          changedColumns: row.changedColumns,
          changes: row.changes,
          actorUserId: row.actorUserId,
          requestId: row.requestId,
          dbRole: row.dbRole,
          occurredAt: row.occurredAt.toISOString(),
        })),
      },
      200,
    );
  });
}
