import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { reserveAttempt } from "../rate-limits/attempt-reservations.ts";
import type { RequestContext } from "../requests/request-context.ts";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Requests that send an e-mail to an address someone typed in (registration, password reset):
 * per IP address, a hard limit (429: it reveals nothing about any account); per e-mail address,
 * a quiet one: past it the request is answered as usual and nothing more is sent, so nobody can
 * flood an inbox and the answer still says nothing about the account.
 */
const LIMITS = {
  registration: { perAddress: 20, perEmail: 3 },
  "password-reset": { perAddress: 10, perEmail: 3 },
} as const;

/** Whether to go on and send; throws 429 when the caller's IP address is over its limit. */
export async function reserveAccountEmail(
  prisma: PrismaClient,
  purpose: keyof typeof LIMITS,
  email: string,
  request: RequestContext,
): Promise<{ send: boolean }> {
  const limits = LIMITS[purpose];
  const perAddress = await reserveAttempt(
    prisma,
    [{ scope: `${purpose}:address`, subject: request.ipAddress, max: limits.perAddress, windowMs: HOUR_MS }],
    request.receivedAt,
  );
  if (!perAddress.allowed) {
    throw new AppError("rate_limited", "Too many requests from this address. Try again later.", {
      headers: { "retry-after": String(perAddress.retryAfterSeconds) },
    });
  }
  const perEmail = await reserveAttempt(
    prisma,
    [{ scope: `${purpose}:account`, subject: email, max: limits.perEmail, windowMs: HOUR_MS }],
    request.receivedAt,
  );
  return { send: perEmail.allowed };
}
