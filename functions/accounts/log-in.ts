import { setTimeout as sleep } from "node:timers/promises";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { failedLoginFlag } from "../activity/security-flags.ts";
import { reserveLoginAttempt } from "../auth/login-throttle.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { startSession, type TokenPair } from "../auth/sessions.ts";
import type { AppConfig } from "../config/app-config.ts";
import { runActingAs } from "../db/database-session.ts";
import { AppError } from "../errors/app-error.ts";
import { releaseAttempt } from "../rate-limits/attempt-reservations.ts";
import { activityOrigin, type RequestContext } from "../requests/request-context.ts";

const UNABLE_TO_LOG_IN =
  "The email or password is wrong, or the email address is not confirmed yet (use the link we emailed you).";

/** Verifying against this when the account does not exist keeps both paths equally slow. */
let dummyHash: Promise<string> | undefined;
const timingEqualiser = () => {
  dummyHash ??= hashPassword("timing-equaliser-not-a-real-password");
  return dummyHash;
};

/**
 * Logs a person in with e-mail and password: throttled (login-throttle.ts), the same answer and
 * timing whether or not the account exists, suspended accounts refused (and flagged), and on
 * success a new login session whose writes are attributed to the person.
 */
export async function logIn(
  deps: { prisma: PrismaClient; config: AppConfig },
  input: { email: string; password: string },
  request: RequestContext,
): Promise<TokenPair> {
  const { prisma, config } = deps;
  const now = request.receivedAt;
  const origin = activityOrigin(request);

  const attempt = await reserveLoginAttempt(prisma, input.email, request.ipAddress, now);
  if (attempt.delayMs > 0) await sleep(attempt.delayMs);

  const user = await prisma.user.findFirst({ where: { email: input.email, deletedAt: null } });
  const valid = await verifyPassword(user?.passwordHash ?? (await timingEqualiser()), input.password);
  // An address nobody has confirmed cannot log in, and it fails exactly like a wrong password
  // (same answer, and it counts towards the throttle): otherwise registering an address and
  // trying its password would tell whether it already had an account.
  if (!user?.passwordHash || !valid || !user.emailVerifiedAt) {
    await recordActivity(prisma, {
      securityFlag: failedLoginFlag(attempt.failures),
      action: ActivityAction.loginFailed,
      entityType: "email",
      entityId: input.email,
      userId: user?.id,
      ...origin,
    });
    throw new AppError("invalid_credentials", UNABLE_TO_LOG_IN);
  }
  await releaseAttempt(prisma, attempt.attemptId);

  // From here on the database records the person as the actor.
  return runActingAs(user, async () => {
    if (user.status === "SUSPENDED") {
      await recordActivity(prisma, { action: ActivityAction.suspendedAccess, userId: user.id, ...origin });
      throw new AppError("account_suspended");
    }
    const tokens = await startSession(prisma, config, user, request, now);
    await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await recordActivity(prisma, { action: ActivityAction.login, userId: user.id, ...origin });
    return tokens;
  });
}
logIn.failures = ["invalid_credentials", "account_suspended", "rate_limited"] as const;
