import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { endSession } from "../auth/sessions.ts";
import { activityOrigin, type RequestContext } from "../requests/request-context.ts";

/**
 * Ends the login session of a refresh token (an unknown token is no error: the outcome is the
 * same). Its access tokens stay valid until they expire.
 */
export async function logOut(
  deps: { prisma: PrismaClient },
  input: { refreshToken: string },
  request: RequestContext,
): Promise<void> {
  const { userId } = await endSession(deps.prisma, input.refreshToken, request.receivedAt);
  if (userId) await recordActivity(deps.prisma, { action: ActivityAction.logout, userId, ...activityOrigin(request) });
}
logOut.failures = [] as const;
