import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { NotificationTopic } from "../../../../generated/prisma/enums.ts";
import { unsubscribe } from "../../../notifications/unsubscribe.ts";
import type { AppEnv } from "../../app-context.ts";
import { defineRoute } from "../define-route.ts";

const route = defineRoute({
  method: "post",
  path: "/notifications/unsubscribe",
  tags: ["Notifications"],
  summary: "One-click unsubscribe (RFC 8058)",
  description:
    "The URL in every notification e-mail's List-Unsubscribe header; mail clients POST `List-Unsubscribe=One-Click` to it. No sign-in: the signed token says who and which topic (or the daily digest). Honoured at once, also for e-mails already queued; doing it twice is harmless. Whatever the body, the token alone decides.",
  access: "public",
  failures: unsubscribe.failures,
  request: { query: z.object({ token: z.string().min(1).max(300) }) },
  responses: {
    200: {
      description: "Unsubscribed",
      content: {
        "application/json": {
          schema: z.object({
            scope: z.union([z.enum(NotificationTopic), z.literal("DAILY_DIGEST")]),
            topicsTurnedOff: z.array(z.enum(NotificationTopic)),
          }),
        },
      },
    },
  },
});

export function registerUnsubscribe<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const deps = c.get("deps");
    const { token } = c.req.valid("query");
    const result = await unsubscribe(
      { prisma: deps.prisma, unsubscribeKey: deps.config.unsubscribeKey },
      { token },
      c.var.request,
    );
    return c.json(result, 200);
  });
}
