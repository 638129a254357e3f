import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { ActivityAction, recordActivity } from "../../../activity/record-activity.ts";
import { endSession } from "../../../auth/sessions.ts";
import { activityOrigin } from "../../../requests/request-context.ts";
import type { AppEnv } from "../../app-context.ts";
import { problems } from "../openapi-helpers.ts";
import { RefreshTokenBodySchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["Authentication"],
  summary: "Log out: revoke the session of a refresh token",
  description: "Access tokens of the session stay valid until they expire (at most 15 minutes).",
  request: { body: { required: true, content: { "application/json": { schema: RefreshTokenBodySchema } } } },
  responses: { 204: { description: "Logged out (also when the token was unknown)" }, ...problems(400) },
});

export function registerLogout<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma } = c.get("deps");
    const { userId } = await endSession(prisma, c.req.valid("json").refreshToken, c.var.request.receivedAt);
    if (userId) {
      await recordActivity(prisma, {
        action: ActivityAction.logout,
        userId,
        ...activityOrigin(c.var.request),
      });
    }
    return c.body(null, 204);
  });
}
