import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { logOut } from "../../../accounts/log-out.ts";
import type { AppEnv } from "../../app-context.ts";
import { defineRoute } from "../define-route.ts";
import { RefreshTokenBodySchema } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["Authentication"],
  summary: "Log out: revoke the session of a refresh token",
  description: "Access tokens of the session stay valid until they expire (at most 15 minutes).",
  access: "public",
  failures: logOut.failures,
  request: { body: { required: true, content: { "application/json": { schema: RefreshTokenBodySchema } } } },
  responses: { 204: { description: "Logged out (also when the token was unknown)" } },
});

export function registerLogout<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    await logOut(c.get("deps"), c.req.valid("json"), c.var.request);
    return c.body(null, 204);
  });
}
