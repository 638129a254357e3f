import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { issueEmailToken } from "../../../auth/email-tokens.ts";
import { hashPassword } from "../../../auth/password.ts";
import { startSession } from "../../../auth/sessions.ts";
import { AppError } from "../../../errors/app-error.ts";
import type { AppEnv } from "../../app-context.ts";
import { problems } from "../openapi-helpers.ts";
import { EmailSchema, PasswordSchema, TokenPairSchema, toUserResponse, UserSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/auth/register",
  tags: ["Authentication"],
  summary: "Create a seller, buyer or advisor account",
  description: "Admins are created only by seed or by another admin. Sends an email-verification link.",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            email: EmailSchema,
            password: PasswordSchema,
            name: z.string().trim().min(1).max(200),
            role: z.enum(["SELLER", "BUYER", "ADVISOR"]),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: "Account created and logged in",
      content: { "application/json": { schema: z.object({ user: UserSchema, tokens: TokenPairSchema }) } },
    },
    ...problems(400, 409),
  },
});

export function registerRegister<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma, config, mailer } = c.get("deps");
    const body = c.req.valid("json");
    const existing = await prisma.user.findFirst({
      where: { email: body.email, deletedAt: null },
      select: { id: true },
    });
    if (existing) throw new AppError("email_taken");
    const user = await prisma.user
      .create({
        data: { email: body.email, name: body.name, role: body.role, passwordHash: await hashPassword(body.password) },
      })
      .catch((error: { code?: string }) => {
        // Two registrations racing for one email: the partial unique index decides.
        throw error.code === "P2002" ? new AppError("email_taken") : error;
      });
    const token = await issueEmailToken(prisma, user.id, "EMAIL_VERIFICATION", c.var.request.receivedAt);
    await mailer.send({
      to: user.email,
      subject: "Confirm your ExitMatch email address",
      text: `Confirm your email address: ${config.appUrl}/verify-email?token=${token}`,
    });
    const tokens = await startSession(prisma, config, user, c.var.request, c.var.request.receivedAt);
    return c.json({ user: toUserResponse(user), tokens: { ...tokens, tokenType: "Bearer" as const } }, 201);
  });
}
