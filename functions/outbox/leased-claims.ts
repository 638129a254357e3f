import type { PrismaClient } from "../../generated/prisma/client.ts";

// What the two outbox tables (outbox_messages, outbox_events) share: a dispatcher claims due
// rows with a lease, so two dispatchers never work on one row at once and a dispatcher that dies
// only delays its rows until the lease runs out; a failure is retried with back-off, and after
// the last attempt the row is DEAD (ops health reports it).

/** Attempts before a row is given up on (DEAD, reported by `ops health`). */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** How long a claimed row is held by the dispatcher that claimed it. */
export const DELIVERY_LEASE_MS = 60_000;

/** The wait after the n-th failed attempt: 30 s, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

export type OutboxTable = "outbox_messages" | "outbox_events";

/**
 * Claims up to `batchSize` due rows of `table` (pending, due, not leased by a live dispatcher),
 * oldest due first, skipping rows another dispatcher is claiming at this moment: each gets a
 * lease and one more attempt. Returns the `returning` columns of each.
 */
export function claimDueRows<Row>(
  prisma: Pick<PrismaClient, "$queryRawUnsafe">,
  table: OutboxTable,
  returning: string,
  options: { now: Date; leaseMs?: number | undefined; batchSize?: number | undefined },
): Promise<Row[]> {
  const leasedUntil = new Date(options.now.getTime() + (options.leaseMs ?? DELIVERY_LEASE_MS));
  return prisma.$queryRawUnsafe<Row[]>(
    `UPDATE ${table}
     SET leased_until = $1, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM ${table}
       WHERE status = 'PENDING' AND next_attempt_at <= $2 AND (leased_until IS NULL OR leased_until <= $2)
       ORDER BY next_attempt_at
       LIMIT $3
       FOR UPDATE SKIP LOCKED)
     RETURNING ${returning}`,
    leasedUntil,
    options.now,
    options.batchSize ?? 20,
  );
}

/**
 * Records a failed attempt on a claimed row: back to PENDING after its back-off, or DEAD after
 * the last attempt; the lease is released and the error kept (shortened) for the operator.
 */
export async function recordFailedAttempt(
  prisma: Pick<PrismaClient, "$executeRawUnsafe">,
  table: OutboxTable,
  row: { id: string; attempts: number },
  error: unknown,
  now: Date,
): Promise<"retrying" | "dead"> {
  const dead = row.attempts >= MAX_DELIVERY_ATTEMPTS;
  await prisma.$executeRawUnsafe(
    `UPDATE ${table}
     SET status = $1::"OutboxStatus", leased_until = NULL, next_attempt_at = $2, last_error = $3
     WHERE id = $4::uuid`,
    dead ? "DEAD" : "PENDING",
    new Date(now.getTime() + retryDelayMs(row.attempts)),
    String((error as Error)?.message ?? error).slice(0, 1000),
    row.id,
  );
  return dead ? "dead" : "retrying";
}
