import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { confirmPasswordReset } from "../../../accounts/confirm-password-reset.ts";
import { requestPasswordReset } from "../../../accounts/request-password-reset.ts";
import { verifyEmail } from "../../../accounts/verify-email.ts";
import type { AppEnv } from "../../app-context.ts";
import { problems } from "../openapi-helpers.ts";
import { AcceptedSchema, EmailSchema, PasswordSchema } from "./schemas.ts";

const TokenBody = z.object({ token: z.string().min(1).max(512) });

const verifyEmailRoute = createRoute({
  method: "post",
  path: "/auth/verify-email",
  tags: ["Authentication"],
  summary: "Confirm an email address with the token from the verification email",
  description: "Tokens work once and expire after 48 hours.",
  request: { body: { required: true, content: { "application/json": { schema: TokenBody } } } },
  responses: { 204: { description: "Email confirmed" }, ...problems(400, 401) },
});

const requestReset = createRoute({
  method: "post",
  path: "/auth/password-reset",
  tags: ["Authentication"],
  summary: "Email a password-reset link",
  description:
    "Always 202 with the same body and the same work on the request's path, whether or not the address has an " +
    "account, so it cannot be used to find accounts: an account holder gets a reset link, any other address a " +
    "note saying it has no account. Limited per IP address (429) and, quietly, per email address (no more emails " +
    "past 3 an hour).",
  request: { body: { required: true, content: { "application/json": { schema: z.object({ email: EmailSchema }) } } } },
  responses: {
    202: {
      description: "Accepted: check the inbox of the address",
      content: { "application/json": { schema: AcceptedSchema } },
    },
    ...problems(400, 429),
  },
});

const confirmReset = createRoute({
  method: "post",
  path: "/auth/password-reset/confirm",
  tags: ["Authentication"],
  summary: "Set a new password with the token from the reset email",
  description: "Also logs the account out everywhere (every session is revoked).",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: TokenBody.extend({ password: PasswordSchema }) } },
    },
  },
  responses: { 204: { description: "Password changed" }, ...problems(400, 401) },
});

export function registerEmailTokenRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app
    .openapi(verifyEmailRoute, async (c) => {
      await verifyEmail(c.get("deps"), c.req.valid("json"), c.var.request);
      return c.body(null, 204);
    })
    .openapi(requestReset, async (c) => {
      await requestPasswordReset(c.get("deps"), c.req.valid("json"), c.var.request);
      return c.json({ message: "Check your email to continue." }, 202);
    })
    .openapi(confirmReset, async (c) => {
      await confirmPasswordReset(c.get("deps"), c.req.valid("json"), c.var.request);
      return c.body(null, 204);
    });
}
