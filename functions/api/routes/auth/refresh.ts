import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { refreshSession } from "../../../accounts/refresh-session.ts";
import type { AppEnv } from "../../app-context.ts";
import { defineRoute } from "../define-route.ts";
import { RefreshTokenBodySchema, TokenPairSchema } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/auth/refresh",
  tags: ["Authentication"],
  summary: "Exchange a refresh token for a new token pair",
  description:
    "Refresh tokens rotate: each works once. Reusing one revokes every session descended from the same login.",
  access: "public",
  failures: refreshSession.failures,
  request: { body: { required: true, content: { "application/json": { schema: RefreshTokenBodySchema } } } },
  responses: { 200: { description: "New tokens", content: { "application/json": { schema: TokenPairSchema } } } },
});

export function registerRefresh<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const tokens = await refreshSession(c.get("deps"), c.req.valid("json"), c.var.request);
    return c.json({ ...tokens, tokenType: "Bearer" as const }, 200);
  });
}
