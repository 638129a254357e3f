import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { markNotificationsRead } from "../../../notifications/mark-notifications-read.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";

const route = defineRoute({
  method: "post",
  path: "/me/notifications/read",
  tags: ["Notifications"],
  summary: "Mark notifications read",
  description: "The ones named, or all with `all: true`. Ids that are not mine are ignored.",
  access: "signed-in",
  failures: markNotificationsRead.failures,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .union([
              z.object({ ids: z.array(uuid()).min(1).max(100) }).strict(),
              z.object({ all: z.literal(true) }).strict(),
            ])
            .openapi("MarkNotificationsRead"),
        },
      },
    },
  },
  responses: {
    200: {
      description: "How many were marked",
      content: { "application/json": { schema: z.object({ marked: z.number().int() }) } },
    },
  },
});

export function registerMarkNotificationsRead<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) =>
    c.json(await markNotificationsRead(c.get("deps"), c.req.valid("json"), signedInRequest(c)), 200),
  );
}
