import { createHash, randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** At most `max` attempts per `subject` within `windowMs`, counted under `scope`. */
export interface RateLimit {
  scope: string;
  /** Who or what is limited (an e-mail address, an IP address); none: the limit does not apply. */
  subject: string | undefined;
  max: number;
  windowMs: number;
}

export type Reservation =
  | {
      allowed: true;
      attemptId: string;
      /** Per limit, in the order given: the attempts already counted in its window. */
      before: number[];
    }
  | {
      allowed: false;
      /** The first limit that is full. */
      limit: RateLimit;
      /** When its oldest counted attempt leaves the window. */
      retryAfterSeconds: number;
    };

/** The advisory lock a limited subject's count is taken under (also for tests that hold it). */
export const limitLockKey = (scope: string, hash: string) => `${scope}:${hash}`;

export const subjectHash = (scope: string, subject: string) =>
  createHash("sha256").update(`${scope}\n${subject.toLowerCase()}`).digest("hex");

/**
 * Counts an attempt against every limit at once, or refuses it, atomically: each limited subject
 * is locked (a transaction-scoped advisory lock, always in the same order, so two reservations
 * never deadlock) while its window is counted and the attempt recorded. However many requests
 * arrive together, no more than `max` are ever let through; the ones after wait their turn for a
 * few milliseconds and are then refused. The count is in the database, so it holds across every
 * server and Lambda container.
 *
 * An attempt that turns out fine can be released (releaseAttempt), so only failures keep
 * counting (a correct password does not use up the limit); one that is never released, because
 * it failed or its process died half-way, keeps counting until it leaves the window.
 */
export async function reserveAttempt(prisma: PrismaClient, limits: RateLimit[], now: Date): Promise<Reservation> {
  const applicable = limits.flatMap((limit) =>
    limit.subject ? [{ limit, hash: subjectHash(limit.scope, limit.subject) }] : [],
  );
  const lockOrder = [...applicable].sort((a, b) => (a.limit.scope + a.hash).localeCompare(b.limit.scope + b.hash));
  const attemptId = randomUUID();
  return prisma.$transaction(async (tx) => {
    for (const { limit, hash } of lockOrder) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${limitLockKey(limit.scope, hash)}, 0))`;
    }
    const before: number[] = [];
    for (const limit of limits) {
      const hash = applicable.find((entry) => entry.limit === limit)?.hash;
      if (!hash) {
        before.push(0);
        continue;
      }
      const since = new Date(now.getTime() - limit.windowMs);
      const [counted] = await tx.$queryRaw<{ count: number; oldest: Date | null }[]>`
        SELECT count(*)::int AS count, min(occurred_at) AS oldest FROM rate_limit_hits
        WHERE scope = ${limit.scope} AND subject_hash = ${hash} AND occurred_at > ${since}`;
      if (counted!.count >= limit.max) {
        const freesAt = (counted!.oldest ?? now).getTime() + limit.windowMs;
        return {
          allowed: false as const,
          limit,
          retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)),
        };
      }
      before.push(counted!.count);
    }
    if (applicable.length > 0) {
      await tx.rateLimitHit.createMany({
        data: applicable.map(({ limit, hash }) => ({
          scope: limit.scope,
          subjectHash: hash,
          occurredAt: now,
          attemptId,
        })),
      });
    }
    return { allowed: true as const, attemptId, before };
  });
}

/** Un-counts an attempt that turned out fine (a correct password). */
export async function releaseAttempt(prisma: Pick<PrismaClient, "rateLimitHit">, attemptId: string) {
  await prisma.rateLimitHit.deleteMany({ where: { attemptId } });
}
