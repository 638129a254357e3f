import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { UserRole } from "../../generated/prisma/enums.ts";
import type { AppConfig } from "../config/app-config.ts";
import { AppError } from "../errors/app-error.ts";
import { signAccessToken } from "./access-token.ts";
import { hashSecretToken, newSecretToken } from "./secret-token.ts";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

interface SessionContext {
  userAgent?: string | undefined;
  ipAddress?: string | undefined;
}

/**
 * A login session is a refresh-token family: it begins at login, each refresh replaces its live
 * row, and it ends when that row is revoked (logout, reuse of an old refresh token, password
 * reset, suspension, erasure) or expires. Access tokens name the family (`sid`), so they stop
 * working the moment their login session ends, and keep working across a refresh.
 */
async function issue(
  prisma: Pick<PrismaClient, "session">,
  config: AppConfig,
  user: { id: string; role: UserRole },
  familyId: string,
  context: SessionContext,
  now: Date,
): Promise<TokenPair> {
  const refreshToken = newSecretToken();
  await prisma.session.create({
    data: {
      userId: user.id,
      familyId,
      refreshTokenHash: hashSecretToken(refreshToken),
      userAgent: context.userAgent?.slice(0, 512) ?? null,
      ipAddress: context.ipAddress ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + config.refreshTokenTtlSeconds * 1000),
    },
  });
  const accessToken = await signAccessToken(
    { userId: user.id, role: user.role, sessionId: familyId },
    config.jwtSecret,
    config.accessTokenTtlSeconds,
    now,
  );
  return { accessToken, refreshToken, expiresIn: config.accessTokenTtlSeconds };
}

/** Starts a session (a new token family) after a successful login or registration. */
export function startSession(
  prisma: PrismaClient,
  config: AppConfig,
  user: { id: string; role: UserRole },
  context: SessionContext,
  now: Date,
) {
  return issue(prisma, config, user, randomUUID(), context, now);
}

/**
 * Exchanges a refresh token for a new pair. Each refresh token works once: the old session is
 * revoked and a new one joins the same family. Presenting a token that was already used means
 * it was copied, so the whole family is revoked (the thief and the owner both log in again).
 */
export async function rotateSession(
  prisma: PrismaClient,
  config: AppConfig,
  refreshToken: string,
  context: SessionContext,
  now: Date,
) {
  const session = await prisma.session.findUnique({
    where: { refreshTokenHash: hashSecretToken(refreshToken) },
    include: { user: { select: { id: true, role: true, status: true, deletedAt: true } } },
  });
  if (!session) throw new AppError("token_invalid");
  if (session.revokedAt) {
    await prisma.session.updateMany({
      where: { familyId: session.familyId, revokedAt: null },
      data: { revokedAt: now },
    });
    throw new AppError("refresh_token_reused");
  }
  if (session.expiresAt <= now || session.user.deletedAt) throw new AppError("token_invalid");
  if (session.user.status === "SUSPENDED") throw new AppError("account_suspended");

  // Conditional revoke: of two concurrent refreshes with the same token, one wins. The revoke and
  // its successor commit together, so the login session never looks ended in between (its
  // access tokens keep working across the refresh).
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { id: session.id, revokedAt: null },
      data: { revokedAt: now, lastUsedAt: now },
    });
    if (count === 0) throw new AppError("refresh_token_reused");
    return issue(tx, config, session.user, session.familyId, context, now);
  });
}

/** Revokes the session of a refresh token; returns whose it was, if it was live. */
export async function endSession(prisma: PrismaClient, refreshToken: string, now: Date): Promise<{ userId?: string }> {
  const [session] = await prisma.session.updateManyAndReturn({
    where: { refreshTokenHash: hashSecretToken(refreshToken), revokedAt: null },
    data: { revokedAt: now },
    select: { userId: true },
  });
  return { userId: session?.userId };
}

/**
 * Revokes every live session of a user (suspension, erasure request). Returns Prisma's lazy
 * query, so it can join a batch `$transaction([...])` as well as be awaited.
 */
export function revokeAllSessions(prisma: Pick<PrismaClient, "session">, userId: string, now: Date) {
  return prisma.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}
