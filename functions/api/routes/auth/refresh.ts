import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { rotateSession } from "../../../auth/sessions.ts";
import type { AppEnv } from "../../app-context.ts";
import { problems } from "../openapi-helpers.ts";
import { RefreshTokenBodySchema, TokenPairSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/auth/refresh",
  tags: ["Authentication"],
  summary: "Exchange a refresh token for a new token pair",
  description:
    "Refresh tokens rotate: each works once. Reusing one revokes every session descended from the same login.",
  request: { body: { required: true, content: { "application/json": { schema: RefreshTokenBodySchema } } } },
  responses: {
    200: { description: "New tokens", content: { "application/json": { schema: TokenPairSchema } } },
    ...problems(400, 401, 403),
  },
});

export function registerRefresh<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma, config } = c.get("deps");
    const { request } = c.var;
    const tokens = await rotateSession(prisma, config, c.req.valid("json").refreshToken, request, request.receivedAt);
    return c.json({ ...tokens, tokenType: "Bearer" as const }, 200);
  });
}
