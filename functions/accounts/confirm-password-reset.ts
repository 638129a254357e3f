import type { PrismaClient } from "../../generated/prisma/client.ts";
import { spendEmailToken } from "../auth/email-tokens.ts";
import { hashPassword } from "../auth/password.ts";
import { revokeAllSessions } from "../auth/sessions.ts";
import { AppError } from "../errors/app-error.ts";
import type { RequestContext } from "../requests/request-context.ts";

/**
 * Sets a new password with the token from a reset e-mail. The token proves the person reads the
 * address, so it also confirms the address; every login session ends (each of their access
 * tokens stops working at once).
 */
export async function confirmPasswordReset(
  deps: { prisma: PrismaClient },
  input: { token: string; password: string },
  request: RequestContext,
): Promise<void> {
  const { prisma } = deps;
  const now = request.receivedAt;
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (tx) => {
    const userId = await spendEmailToken(tx, input.token, "PASSWORD_RESET", now);
    if (!userId) throw new AppError("token_invalid");
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true } });
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now },
    });
    await revokeAllSessions(tx, userId, now);
  });
}
confirmPasswordReset.failures = ["token_invalid"] as const;
