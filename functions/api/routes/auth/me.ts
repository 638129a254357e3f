import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { toUserResponse, UserSchema } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/me",
  tags: ["Authentication"],
  summary: "The logged-in user",
  description: "The account behind the access token.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  responses: {
    200: { description: "The caller's account", content: { "application/json": { schema: UserSchema } } },
    ...problems(401, 403),
  },
});

export function registerMe<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const user = await c.get("deps").prisma.user.findUniqueOrThrow({ where: { id: currentUser(c).id } });
    return c.json(toUserResponse(user), 200);
  });
}
