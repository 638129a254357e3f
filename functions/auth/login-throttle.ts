import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ApiError } from "../api/errors.ts";

/** Failed logins are counted over this window. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failures per account in the window before logins are refused. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failures per IP address in the window before logins are refused (many accounts, one IP). */
export const MAX_FAILURES_PER_IP = 20;

export const LOGIN_FAILED = "auth.login_failed";

/**
 * Login throttling that holds across servers and Lambda containers: it counts the failed
 * logins recorded in the activity log. Refuses with 429 (and Retry-After) past the limits;
 * below them, it slows each attempt down after the third failure (250 ms, doubling, max 2 s).
 */
export async function checkLoginThrottle(
  prisma: PrismaClient,
  email: string,
  ipAddress: string | undefined,
): Promise<{ delayMs: number }> {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    prisma.activityLog.count({
      where: { action: LOGIN_FAILED, entityType: "email", entityId: email, occurredAt: { gte: since } },
    }),
    ipAddress
      ? prisma.activityLog.count({ where: { action: LOGIN_FAILED, ipAddress, occurredAt: { gte: since } } })
      : Promise.resolve(0),
  ]);
  if (byAccount >= MAX_FAILURES_PER_ACCOUNT || byIp >= MAX_FAILURES_PER_IP) {
    throw new ApiError("rate_limited", "Too many failed logins. Try again later.", {
      headers: { "retry-after": String(THROTTLE_WINDOW_MS / 1000) },
    });
  }
  return { delayMs: byAccount >= 3 ? Math.min(250 * 2 ** (byAccount - 3), 2000) : 0 };
}

export async function recordLoginFailure(
  prisma: PrismaClient,
  email: string,
  context: { ipAddress?: string | undefined; userAgent?: string | undefined; userId?: string | undefined },
) {
  await prisma.activityLog.create({
    data: {
      action: LOGIN_FAILED,
      entityType: "email",
      entityId: email,
      userId: context.userId ?? null,
      ipAddress: context.ipAddress ?? null,
      userAgent: context.userAgent?.slice(0, 512) ?? null,
    },
  });
}
