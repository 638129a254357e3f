import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { updateNotificationPreferences } from "../../../notifications/update-notification-preferences.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import {
  NotificationPreferencesInputSchema,
  NotificationPreferencesSchema,
  toPreferencesResponse,
} from "./notification-schemas.ts";

const route = defineRoute({
  method: "put",
  path: "/me/notification-preferences",
  tags: ["Notifications"],
  summary: "Choose how I am told about each kind of notification",
  description:
    "Sets the topics given; the others keep their delivery. Takes effect at once, also for e-mails already queued. Account-security e-mails cannot be turned off.",
  access: "signed-in",
  failures: updateNotificationPreferences.failures,
  request: {
    body: { required: true, content: { "application/json": { schema: NotificationPreferencesInputSchema } } },
  },
  responses: {
    200: {
      description: "Every topic, as now",
      content: { "application/json": { schema: NotificationPreferencesSchema } },
    },
  },
});

export function registerUpdateNotificationPreferences<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { ACCOUNT_SECURITY: _never, ...choices } = c.req.valid("json");
    const items = await updateNotificationPreferences(c.get("deps"), choices, signedInRequest(c));
    return c.json(toPreferencesResponse(items), 200);
  });
}
