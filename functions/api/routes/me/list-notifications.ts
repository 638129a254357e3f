import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { listNotifications } from "../../../notifications/list-notifications.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { NotificationSchema, toNotificationResponse } from "./notification-schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/me/notifications",
  tags: ["Notifications"],
  summary: "My notifications, newest first",
  description: "Everything I was notified of, e-mailed or not, a page at a time.",
  access: "signed-in",
  failures: listNotifications.failures,
  request: {
    query: z.object({
      cursor: z.string().max(200).optional().openapi({ description: "nextCursor of the previous page" }),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      unread: z.enum(["true", "false"]).optional().openapi({ description: "true: unread ones only" }),
    }),
  },
  responses: {
    200: {
      description: "A page of notifications",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(NotificationSchema),
            nextCursor: z.string().nullable(),
            unread: z.number().int().openapi({ description: "How many are unread in all" }),
          }),
        },
      },
    },
  },
});

export function registerListNotifications<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const page = await listNotifications(
      c.get("deps"),
      { cursor: query.cursor, limit: query.limit, unreadOnly: query.unread === "true" },
      signedInRequest(c),
    );
    return c.json({ ...page, items: page.items.map(toNotificationResponse) }, 200);
  });
}
