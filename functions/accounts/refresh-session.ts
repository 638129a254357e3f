import type { PrismaClient } from "../../generated/prisma/client.ts";
import { rotateSession, type TokenPair } from "../auth/sessions.ts";
import type { AppConfig } from "../config/app-config.ts";
import type { RequestContext } from "../requests/request-context.ts";

/**
 * Exchanges a refresh token for a new token pair. Refresh tokens rotate: each works once, and
 * reusing one revokes every session descended from the same login (auth/sessions.ts).
 */
export async function refreshSession(
  deps: { prisma: PrismaClient; config: AppConfig },
  input: { refreshToken: string },
  request: RequestContext,
): Promise<TokenPair> {
  return rotateSession(deps.prisma, deps.config, input.refreshToken, request, request.receivedAt);
}
refreshSession.failures = ["token_invalid", "refresh_token_reused", "account_suspended"] as const;
