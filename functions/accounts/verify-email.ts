import type { PrismaClient } from "../../generated/prisma/client.ts";
import { spendEmailToken } from "../auth/email-tokens.ts";
import { AppError } from "../errors/app-error.ts";
import type { RequestContext } from "../requests/request-context.ts";

/** Confirms an address with the token from the confirmation e-mail; from then on it can log in. */
export async function verifyEmail(
  deps: { prisma: PrismaClient },
  input: { token: string },
  request: RequestContext,
): Promise<void> {
  const now = request.receivedAt;
  await deps.prisma.$transaction(async (tx) => {
    const userId = await spendEmailToken(tx, input.token, "EMAIL_VERIFICATION", now);
    if (!userId) throw new AppError("token_invalid");
    await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: now } });
  });
}
verifyEmail.failures = ["token_invalid"] as const;
