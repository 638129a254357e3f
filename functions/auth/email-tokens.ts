import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { UserTokenPurpose } from "../../generated/prisma/enums.ts";
import { hashSecretToken, newSecretToken } from "./secret-token.ts";

const LIFETIME_MS: Record<UserTokenPurpose, number> = {
  EMAIL_VERIFICATION: 48 * 60 * 60 * 1000,
  PASSWORD_RESET: 60 * 60 * 1000,
};

/** Creates a single-use token (stored hashed) and returns the secret to put in a link. */
export async function issueEmailToken(
  prisma: Pick<PrismaClient, "userToken">,
  userId: string,
  purpose: UserTokenPurpose,
  now: Date,
): Promise<string> {
  const token = newSecretToken();
  await prisma.userToken.create({
    data: {
      userId,
      purpose,
      tokenHash: hashSecretToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
    },
  });
  return token;
}

/**
 * Spends a token: returns its user id when it exists, has this purpose, is unexpired and
 * unused; marks it used in the same statement, so it works once even under concurrency.
 */
export async function spendEmailToken(
  prisma: Pick<PrismaClient, "$queryRaw">,
  token: string,
  purpose: UserTokenPurpose,
  now: Date,
): Promise<string | undefined> {
  const rows = await prisma.$queryRaw<{ user_id: string }[]>`
    UPDATE user_tokens SET used_at = ${now}
    WHERE token_hash = ${hashSecretToken(token)} AND purpose = ${purpose}::"UserTokenPurpose"
      AND used_at IS NULL AND expires_at > ${now}
    RETURNING user_id`;
  return rows[0]?.user_id;
}
