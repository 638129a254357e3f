import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { readAccessLog } from "../../../deal-rooms/read-access-log.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";
import { DealRoomParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/deal-rooms/{id}/access-log",
  tags: ["Deal room documents"],
  summary: "Who viewed or downloaded which document, when",
  description: "The room's owner and advisors, and admins. Newest first; filter by document or user.",
  access: "signed-in",
  failures: readAccessLog.failures,
  request: {
    params: DealRoomParamsSchema,
    query: z.object({ documentId: uuid().optional(), userId: uuid().optional() }),
  },
  responses: {
    200: {
      description: "Access events",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(
              z.object({
                action: z.enum(["document.viewed", "document.downloaded"]),
                documentId: uuid(),
                fileName: z.string().nullable(),
                user: z.object({ id: uuid().nullable(), name: z.string().nullable() }),
                ipAddress: z.string().nullable(),
                occurredAt: z.iso.datetime(),
              }),
            ),
          }),
        },
      },
    },
  },
});

export function registerReadAccessLog<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { dealRoomId: c.req.valid("param").id, ...c.req.valid("query") };
    const events = await readAccessLog(c.get("deps"), input, signedInRequest(c));
    return c.json({ items: events.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })) }, 200);
  });
}
