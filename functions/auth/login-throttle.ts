import type { PrismaClient } from "../../generated/prisma/client.ts";
import { FAILED_LOGIN_WINDOW_MS, FAILED_LOGINS_PER_ACCOUNT, FAILED_LOGINS_PER_IP } from "../activity/security-flags.ts";
import { AppError } from "../errors/app-error.ts";
import { type RateLimit, reserveAttempt } from "../rate-limits/attempt-reservations.ts";

/** The throttle's limits are the same as the security flags' (security-flags.ts). */
export const THROTTLE_WINDOW_MS = FAILED_LOGIN_WINDOW_MS;
/** Failed logins per account in the window before logins are refused. */
export const MAX_FAILURES_PER_ACCOUNT = FAILED_LOGINS_PER_ACCOUNT;
/** Failed logins per IP address in the window before logins are refused (many accounts, one IP). */
export const MAX_FAILURES_PER_IP = FAILED_LOGINS_PER_IP;

function loginLimits(email: string, ipAddress: string | undefined): RateLimit[] {
  return [
    { scope: "login:account", subject: email, max: MAX_FAILURES_PER_ACCOUNT, windowMs: THROTTLE_WINDOW_MS },
    { scope: "login:address", subject: ipAddress, max: MAX_FAILURES_PER_IP, windowMs: THROTTLE_WINDOW_MS },
  ];
}

export interface LoginAttempt {
  attemptId: string;
  /** How long to hold this attempt back: 250 ms after the third failure, doubling, at most 2 s. */
  delayMs: number;
  /** Failed (or still running) logins in the window before this one. */
  failures: { byAccount: number; byIp: number };
}

/**
 * Lets a login attempt through to the password check, or refuses it with 429 and Retry-After.
 * Counting and checking are one atomic step (reserveAttempt): of 30 simultaneous wrong
 * passwords for one account, 5 are checked and 25 refused. A correct password releases its
 * attempt (releaseAttempt), so only failures count.
 */
export async function reserveLoginAttempt(
  prisma: PrismaClient,
  email: string,
  ipAddress: string | undefined,
  now: Date,
): Promise<LoginAttempt> {
  const reservation = await reserveAttempt(prisma, loginLimits(email, ipAddress), now);
  if (!reservation.allowed) {
    throw new AppError("rate_limited", "Too many failed logins. Try again later.", {
      headers: { "retry-after": String(reservation.retryAfterSeconds) },
    });
  }
  const [byAccount = 0, byIp = 0] = reservation.before;
  return {
    attemptId: reservation.attemptId,
    delayMs: byAccount >= 3 ? Math.min(250 * 2 ** (byAccount - 3), 2000) : 0,
    failures: { byAccount, byIp },
  };
}
