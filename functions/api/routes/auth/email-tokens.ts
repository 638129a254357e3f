import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { issueEmailToken, spendEmailToken } from "../../../auth/email-tokens.ts";
import { hashPassword } from "../../../auth/password.ts";
import { AppError } from "../../../errors/app-error.ts";
import type { AppEnv } from "../../app-context.ts";
import { problems } from "../openapi-helpers.ts";
import { EmailSchema, PasswordSchema } from "./schemas.ts";

const TokenBody = z.object({ token: z.string().min(1).max(512) });

const verifyEmail = createRoute({
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
  description: "Always answers 202, whether or not the address has an account, so it cannot be used to find accounts.",
  request: { body: { required: true, content: { "application/json": { schema: z.object({ email: EmailSchema }) } } } },
  responses: { 202: { description: "If the account exists, a link was sent" }, ...problems(400) },
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
    .openapi(verifyEmail, async (c) => {
      const { prisma } = c.get("deps");
      const userId = await spendEmailToken(
        prisma,
        c.req.valid("json").token,
        "EMAIL_VERIFICATION",
        c.var.request.receivedAt,
      );
      if (!userId) throw new AppError("token_invalid");
      await prisma.user.update({ where: { id: userId }, data: { emailVerifiedAt: c.var.request.receivedAt } });
      return c.body(null, 204);
    })
    .openapi(requestReset, async (c) => {
      const { prisma, mailer, config } = c.get("deps");
      const user = await prisma.user.findFirst({ where: { email: c.req.valid("json").email, deletedAt: null } });
      if (user) {
        const token = await issueEmailToken(prisma, user.id, "PASSWORD_RESET", c.var.request.receivedAt);
        await mailer.send({
          to: user.email,
          subject: "Reset your ExitMatch password",
          text: `Choose a new password (the link works once, for one hour): ${config.appUrl}/reset-password?token=${token}`,
        });
      }
      return c.body(null, 202);
    })
    .openapi(confirmReset, async (c) => {
      const { prisma } = c.get("deps");
      const { token, password } = c.req.valid("json");
      const userId = await spendEmailToken(prisma, token, "PASSWORD_RESET", c.var.request.receivedAt);
      if (!userId) throw new AppError("token_invalid");
      const passwordHash = await hashPassword(password);
      await prisma.$transaction([
        prisma.user.update({ where: { id: userId }, data: { passwordHash } }),
        prisma.session.updateMany({
          where: { userId, revokedAt: null },
          data: { revokedAt: c.var.request.receivedAt },
        }),
      ]);
      return c.body(null, 204);
    });
}
