import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { getNotificationPreferences } from "../../../notifications/get-notification-preferences.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { NotificationPreferencesSchema, toPreferencesResponse } from "./notification-schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/me/notification-preferences",
  tags: ["Notifications"],
  summary: "How I am told about each kind of notification",
  description:
    "Per topic: IMMEDIATE (an e-mail each), DAILY_DIGEST (one e-mail a day, from 07:00 UK time) or OFF. Every notification is listed at /me/notifications whatever the choice.",
  access: "signed-in",
  failures: getNotificationPreferences.failures,
  responses: {
    200: { description: "Every topic", content: { "application/json": { schema: NotificationPreferencesSchema } } },
  },
});

export function registerGetNotificationPreferences<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) =>
    c.json(toPreferencesResponse(await getNotificationPreferences(c.get("deps"), {}, signedInRequest(c))), 200),
  );
}
