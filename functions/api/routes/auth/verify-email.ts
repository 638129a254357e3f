import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { verifyEmail } from "../../../accounts/verify-email.ts";
import type { AppEnv } from "../../app-context.ts";
import { defineRoute } from "../define-route.ts";
import { TokenBodySchema } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/auth/verify-email",
  tags: ["Authentication"],
  summary: "Confirm an email address with the token from the verification email",
  description: "Tokens work once and expire after 48 hours.",
  access: "public",
  failures: verifyEmail.failures,
  request: { body: { required: true, content: { "application/json": { schema: TokenBodySchema } } } },
  responses: { 204: { description: "Email confirmed" } },
});

export function registerVerifyEmail<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    await verifyEmail(c.get("deps"), c.req.valid("json"), c.var.request);
    return c.body(null, 204);
  });
}
