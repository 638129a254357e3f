import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { confirmPasswordReset } from "../../../accounts/confirm-password-reset.ts";
import type { AppEnv } from "../../app-context.ts";
import { defineRoute } from "../define-route.ts";
import { PasswordSchema, TokenBodySchema } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/auth/password-reset/confirm",
  tags: ["Authentication"],
  summary: "Set a new password with the token from the reset email",
  description: "Also logs the account out everywhere (every session is revoked).",
  access: "public",
  failures: confirmPasswordReset.failures,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: TokenBodySchema.extend({ password: PasswordSchema }) } },
    },
  },
  responses: { 204: { description: "Password changed" } },
});

export function registerConfirmPasswordReset<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    await confirmPasswordReset(c.get("deps"), c.req.valid("json"), c.var.request);
    return c.body(null, 204);
  });
}
