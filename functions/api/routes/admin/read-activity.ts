import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { readActivityLog } from "../../../admin/read-activity-log.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";

const route = defineRoute({
  method: "get",
  path: "/admin/activity",
  tags: ["Admin"],
  summary: "Read the activity log",
  description: "Admins only. Newest first, at most 500; filter by user, action, entity and time.",
  access: "admin",
  failures: readActivityLog.failures,
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
  },
});

export function registerReadActivity<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { since, flagged, ...filter } = c.req.valid("query");
    const rows = await readActivityLog(
      c.get("deps"),
      {
        ...filter,
        since: since ? new Date(since) : undefined,
        flagged: flagged === undefined ? undefined : flagged === "true",
      },
      signedInRequest(c),
    );
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
  });
}
