import { setTimeout as sleep } from "node:timers/promises";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { ActivityAction, recordActivity } from "../../../activity/record-activity.ts";
import { checkLoginThrottle, recordLoginFailure } from "../../../auth/login-throttle.ts";
import { hashPassword, verifyPassword } from "../../../auth/password.ts";
import { startSession } from "../../../auth/sessions.ts";
import { AppError } from "../../../errors/app-error.ts";
import { activityOrigin } from "../../../requests/request-context.ts";
import type { AppEnv } from "../../app-context.ts";
import { actAs } from "../../middleware/authenticate.ts";
import { problems } from "../openapi-helpers.ts";
import { EmailSchema, TokenPairSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["Authentication"],
  summary: "Log in with email and password",
  description:
    "Rate-limited: after 3 failed attempts for an account each attempt is slowed down; after 5 failures in 15 minutes " +
    "(or 20 from one IP address) logins are refused with 429 and Retry-After.",
  request: {
    body: {
      required: true,
      content: {
        "application/json": { schema: z.object({ email: EmailSchema, password: z.string().min(1).max(128) }) },
      },
    },
  },
  responses: {
    200: { description: "Logged in", content: { "application/json": { schema: TokenPairSchema } } },
    ...problems(400, 401, 403, 429),
  },
});

/** Verifying against this when the account does not exist keeps both paths equally slow. */
const dummyHash = hashPassword("timing-equaliser-not-a-real-password");

export function registerLogin<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma, config } = c.get("deps");
    const { email, password } = c.req.valid("json");
    const context = activityOrigin(c.var.request);

    const { delayMs, failures } = await checkLoginThrottle(prisma, email, context.ipAddress, context.occurredAt);
    if (delayMs > 0) await sleep(delayMs);

    const user = await prisma.user.findFirst({ where: { email, deletedAt: null } });
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
    if (!user?.passwordHash || !valid) {
      await recordLoginFailure(prisma, email, { ...context, userId: user?.id }, failures);
      throw new AppError("invalid_credentials");
    }
    actAs(user);
    if (user.status === "SUSPENDED") {
      await recordActivity(prisma, { action: ActivityAction.suspendedAccess, userId: user.id, ...context });
      throw new AppError("account_suspended");
    }

    const tokens = await startSession(prisma, config, user, context, context.occurredAt);
    await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: context.occurredAt } });
    await recordActivity(prisma, { action: ActivityAction.login, userId: user.id, ...context });
    return c.json({ ...tokens, tokenType: "Bearer" as const }, 200);
  });
}
