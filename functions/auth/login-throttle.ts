import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import {
  FAILED_LOGIN_WINDOW_MS,
  FAILED_LOGINS_PER_ACCOUNT,
  FAILED_LOGINS_PER_IP,
  failedLoginFlag,
} from "../activity/security-flags.ts";
import { AppError } from "../errors/app-error.ts";

/** The throttle's limits are the same as the security flags' (security-flags.ts). */
export const THROTTLE_WINDOW_MS = FAILED_LOGIN_WINDOW_MS;
/** Failures per account in the window before logins are refused. */
export const MAX_FAILURES_PER_ACCOUNT = FAILED_LOGINS_PER_ACCOUNT;
/** Failures per IP address in the window before logins are refused (many accounts, one IP). */
export const MAX_FAILURES_PER_IP = FAILED_LOGINS_PER_IP;

const LOGIN_FAILED = ActivityAction.loginFailed;

/**
 * Login throttling that holds across servers and Lambda containers: it counts the failed
 * logins recorded in the activity log. Refuses with 429 (and Retry-After) past the limits;
 * below them, it slows each attempt down after the third failure (250 ms, doubling, max 2 s).
 */
export async function checkLoginThrottle(
  prisma: PrismaClient,
  email: string,
  ipAddress: string | undefined,
  now: Date,
): Promise<{ delayMs: number; failures: { byAccount: number; byIp: number } }> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    prisma.activityLog.count({
      where: { action: LOGIN_FAILED, entityType: "email", entityId: email, occurredAt: { gte: since } },
    }),
    ipAddress
      ? prisma.activityLog.count({ where: { action: LOGIN_FAILED, ipAddress, occurredAt: { gte: since } } })
      : Promise.resolve(0),
  ]);
  if (byAccount >= MAX_FAILURES_PER_ACCOUNT || byIp >= MAX_FAILURES_PER_IP) {
    throw new AppError("rate_limited", "Too many failed logins. Try again later.", {
      headers: { "retry-after": String(THROTTLE_WINDOW_MS / 1000) },
    });
  }
  return {
    delayMs: byAccount >= 3 ? Math.min(250 * 2 ** (byAccount - 3), 2000) : 0,
    failures: { byAccount, byIp },
  };
}

export async function recordLoginFailure(
  prisma: PrismaClient,
  email: string,
  context: {
    ipAddress?: string | undefined;
    userAgent?: string | undefined;
    userId?: string | undefined;
    occurredAt: Date;
  },
  /** The failures checkLoginThrottle counted before this one. */
  failuresBefore: { byAccount: number; byIp: number },
) {
  return recordActivity(prisma, {
    securityFlag: failedLoginFlag(failuresBefore),
    action: ActivityAction.loginFailed,
    entityType: "email",
    entityId: email,
    userId: context.userId,
    ipAddress: context.ipAddress,
    userAgent: context.userAgent,
    occurredAt: context.occurredAt,
  });
}
