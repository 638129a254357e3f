import { createMiddleware } from "hono/factory";
import { ActivityAction, recordActivity } from "../../activity/record-activity.ts";
import { verifyAccessToken } from "../../auth/access-token.ts";
import { findSignedInAccount } from "../../auth/find-signed-in-account.ts";
import { AppError } from "../../errors/app-error.ts";
import { activityOrigin, type SignedInRequest, signedIn } from "../../requests/request-context.ts";
import { runForRequest } from "../../requests/run-for-request.ts";
import type { AppEnv } from "../app-context.ts";

/**
 * Reads `Authorization: Bearer <access token>`. With `required`, a missing or bad token is a
 * 401; without, the request continues anonymously. A valid token is checked against the
 * account and its login session on every request, so suspending or deleting a user, or ending
 * the session, takes effect at once.
 */
export function authenticate(options: { required: boolean }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) {
      if (options.required) throw new AppError("unauthorized");
      return next();
    }
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    const { prisma, config } = c.get("deps");
    const claims = match ? await verifyAccessToken(match[1]!, config.jwtSecret, c.var.request.receivedAt) : undefined;
    if (!claims) throw new AppError("token_invalid");
    const account = await findSignedInAccount(prisma, claims, c.var.request.receivedAt);
    if (!account || account.deletedAt) throw new AppError("token_invalid");
    if (account.status === "SUSPENDED") {
      await recordActivity(prisma, {
        action: ActivityAction.suspendedAccess,
        userId: account.id,
        ...activityOrigin(c.var.request),
        metadata: { method: c.req.method, path: c.req.path },
      });
      throw new AppError("account_suspended");
    }
    // The login session ended (logout, password reset, refresh-token reuse, suspension): so
    // did every access token it issued.
    if (!account.sessionLive) throw new AppError("token_invalid", "This session has ended; log in again.");
    // The request now knows its caller: a new context, not a changed one, and the database
    // session follows from it (audit actor, row-level security).
    const caller = { id: account.id, role: account.role, email: account.email, sessionId: claims.sessionId };
    const request = { ...c.var.request, caller };
    c.set("request", request);
    await runForRequest(request, next);
  });
}

/** The request of a route behind `authenticate({ required: true })`, with its caller. */
export function signedInRequest(c: { var: { request: AppEnv["Variables"]["request"] } }): SignedInRequest {
  return signedIn(c.var.request);
}
