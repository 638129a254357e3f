import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { requireAdmin } from "../../middleware/require-admin.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { uuid } from "../uuid.ts";

const activity = createRoute({
  method: "get",
  path: "/admin/activity",
  tags: ["Admin"],
  summary: "Read the activity log",
  description: "Admins only. Newest first, at most 500; filter by user, action, entity and time.",
  security: bearerAuth,
  middleware: [requireAdmin] as const,
  request: {
    query: z.object({
      userId: uuid().optional(),
      action: z.string().max(100).optional(),
      entityType: z.string().max(50).optional(),
      entityId: z.string().max(254).optional(),
      since: z.iso.datetime().optional(),
      flagged: z
        .enum(["true", "false"])
        .optional()
        .describe("Only security events (true), or only unflagged ones (false)."),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: {
      description: "Events",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                userId: uuid().nullable(),
                action: z.string(),
                entityType: z.string().nullable(),
                entityId: z.string().nullable(),
                ipAddress: z.string().nullable(),
                metadata: z.unknown(),
                securityFlag: z.string().nullable(),
                occurredAt: z.iso.datetime(),
              }),
            ),
          }),
        },
      },
    },
    ...problems(400, 401, 403),
  },
});

const audit = createRoute({
  method: "get",
  path: "/admin/audit",
  tags: ["Admin"],
  summary: "Read the audit log",
  description:
    "Admins only. Data changes as PostgreSQL's triggers recorded them, newest first, at most 500; filter by table, " +
    'row, actor and request. Sensitive values read "[redacted]".',
  security: bearerAuth,
  middleware: [requireAdmin] as const,
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
                action: z.enum(["INSERT", "UPDATE", "DELETE"]),
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
    ...problems(400, 401, 403),
  },
});

export function registerAdminLogRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app
    .openapi(activity, async (c) => {
      const { userId, action, entityType, entityId, since, flagged, limit } = c.req.valid("query");
      const rows = await c.get("deps").readOnlyPrisma.activityLog.findMany({
        where: {
          ...(userId ? { userId } : {}),
          ...(action ? { action } : {}),
          ...(entityType ? { entityType } : {}),
          ...(entityId ? { entityId } : {}),
          ...(since ? { occurredAt: { gte: new Date(since) } } : {}),
          ...(flagged ? { securityFlag: flagged === "true" ? { not: null } : null } : {}),
        },
        // Newest first; the id breaks ties between events of the same instant.
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        take: limit,
      });
      return c.json(
        {
          items: rows.map((row) => ({
            id: row.id.toString(),
            userId: row.userId,
            action: row.action,
            entityType: row.entityType,
            entityId: row.entityId,
            ipAddress: row.ipAddress,
            metadata: row.metadata,
            securityFlag: row.securityFlag,
            occurredAt: row.occurredAt.toISOString(),
          })),
        },
        200,
      );
    })
    .openapi(audit, async (c) => {
      const { tableName, rowId, actorUserId, requestId, limit } = c.req.valid("query");
      const rows = await c.get("deps").readOnlyPrisma.auditLog.findMany({
        where: {
          ...(tableName ? { tableName } : {}),
          ...(rowId ? { rowId } : {}),
          ...(actorUserId ? { actorUserId } : {}),
          ...(requestId ? { requestId } : {}),
        },
        orderBy: { id: "desc" },
        take: limit,
      });
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
