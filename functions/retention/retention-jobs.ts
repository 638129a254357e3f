import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import type { Clock } from "../clock/clock.ts";
import { runWithDatabaseSession } from "../db/database-session.ts";
import { ARCHIVABLE_STATUSES } from "../domain/business-status.ts";
import {
  AUDIT_LOG_RETENTION_YEARS,
  EXPIRED_RECORD_GRACE_DAYS,
  FINANCIAL_RETENTION_YEARS,
  LISTING_INACTIVITY_YEARS,
  MESSAGE_RETENTION_DAYS,
  NOTIFICATION_RETENTION_DAYS,
  USER_RETENTION_DAYS,
} from "../domain/retention-periods.ts";
import { erasePersonInTransaction } from "../gdpr/erase-person.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";

export const RETENTION_JOBS = ["users", "listings", "audit-logs", "financials", "expired-records"] as const;
export type RetentionJobName = (typeof RETENTION_JOBS)[number];

export interface RetentionOptions {
  dryRun?: boolean;
  /** Rows (users: people) per transaction; small batches keep locks short. */
  batchSize?: number;
  /** Where the job reads "now": its cut-off, and the time it stamps on what it changes. */
  clock: Clock;
  onProgress?: (progress: { job: RetentionJobName; processed: number; batches: number }) => void;
  /** Called after each committed batch; a test throws here to simulate a crash. */
  afterBatch?: (batch: number) => void | Promise<void>;
}

export interface RetentionResult {
  runId: string;
  job: RetentionJobName;
  dryRun: boolean;
  cutoff: string;
  /** Dry run: how many rows the job would touch. Otherwise: how many it touched. */
  processed: number;
  batches: number;
  /** The longest batch transaction, i.e. the longest any batch held its row locks. */
  longestBatchMs: number;
  /** Users job: how many people were hard-deleted and how many kept, anonymised, under a legal hold. */
  details?: Record<string, number>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
function yearsBefore(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/** When each job's records become due, as of `now`. */
export function cutoffFor(job: RetentionJobName, now: Date): Date {
  switch (job) {
    case "users":
      return new Date(now.getTime() - USER_RETENTION_DAYS * DAY_MS);
    case "listings":
      return yearsBefore(now, LISTING_INACTIVITY_YEARS);
    case "audit-logs":
      return yearsBefore(now, AUDIT_LOG_RETENTION_YEARS);
    case "financials":
      return yearsBefore(now, FINANCIAL_RETENTION_YEARS);
    case "expired-records":
      return new Date(now.getTime() - EXPIRED_RECORD_GRACE_DAYS * DAY_MS);
  }
}

/** Deals that ended (completed, or fell through) on or before `cutoff`. */
const endedDealsBefore = (cutoff: Date) => ({
  OR: [
    { status: "COMPLETED" as const, completionConfirmedAt: { lte: cutoff } },
    { status: "FELL_THROUGH" as const, fellThroughAt: { lte: cutoff } },
  ],
});

/** Outbox messages are kept longer than the other short-lived records: a month, to answer "did you e-mail me?". */
const messagesCutoff = (now: Date) => new Date(now.getTime() - MESSAGE_RETENTION_DAYS * DAY_MS);
/** Notifications are kept half a year (domain/retention-periods.ts). */
const notificationsCutoff = (now: Date) => new Date(now.getTime() - NOTIFICATION_RETENTION_DAYS * DAY_MS);

/** One batch: does its work in a transaction and says how many rows it handled (0: done). */
type Batch = (
  tx: Prisma.TransactionClient,
  cutoff: Date,
  now: Date,
) => Promise<{ count: number; storageKeys?: string[]; details?: Record<string, number> }>;

/** Rows that point at a person and must survive them: a person with any is anonymised, not deleted. */
const HELD_REFERENCES_SQL = `
  EXISTS (SELECT 1 FROM businesses WHERE seller_id = u.id)
  OR EXISTS (SELECT 1 FROM business_financials WHERE entered_by_id = u.id)
  OR EXISTS (SELECT 1 FROM valuations WHERE created_by_id = u.id)
  OR EXISTS (SELECT 1 FROM inquiries WHERE buyer_id = u.id)
  OR EXISTS (SELECT 1 FROM documents WHERE uploaded_by_id = u.id)
  OR EXISTS (SELECT 1 FROM deal_room_members WHERE user_id = u.id OR added_by_id = u.id)
  OR EXISTS (SELECT 1 FROM deal_room_questions WHERE asked_by_id = u.id OR answered_by_id = u.id)
  OR EXISTS (SELECT 1 FROM advisor_profiles WHERE user_id = u.id)
  OR EXISTS (SELECT 1 FROM offers WHERE buyer_id = u.id)
  OR EXISTS (SELECT 1 FROM offer_versions WHERE proposed_by_id = u.id)
  OR EXISTS (SELECT 1 FROM deals WHERE buyer_id = u.id OR seller_id = u.id
             OR completion_recorded_by_id = u.id OR fell_through_by_id = u.id)
  OR EXISTS (SELECT 1 FROM deal_signatures WHERE user_id = u.id)
  OR EXISTS (SELECT 1 FROM buyer_due_diligence WHERE buyer_id = u.id OR recorded_by_id = u.id)`;

const batches: Record<
  RetentionJobName,
  { count: (prisma: PrismaClient, cutoff: Date, now: Date) => Promise<number>; batch: (size: number) => Batch }
> = {
  // Closed accounts 30 days on: erased. Hard-deleted when nothing held points at them,
  // otherwise kept as an anonymous row (legal holds). Either way they never match again.
  users: {
    count: (prisma, cutoff) => prisma.user.count({ where: { deletedAt: { lte: cutoff }, anonymizedAt: null } }),
    batch: (size) => {
      // Where the previous batch of this run ended: without it every batch would walk past all
      // the people already erased (their index entries stay until VACUUM), which made the job
      // slow down as it went. A new run (after a crash) starts from the beginning again.
      let after = { deletedAt: new Date(0), id: "00000000-0000-0000-0000-000000000000" };
      return async (tx, cutoff, now) => {
        const due = await tx.$queryRawUnsafe<{ id: string; deleted_at: Date; held: boolean }[]>(
          `SELECT u.id::text, u.deleted_at, (${HELD_REFERENCES_SQL}) AS held FROM users u
           WHERE u.deleted_at <= $1 AND u.anonymized_at IS NULL AND (u.deleted_at, u.id) > ($3, $4::uuid)
           ORDER BY u.deleted_at, u.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          cutoff,
          size,
          after.deletedAt,
          after.id,
        );
        const last = due.at(-1);
        if (last) after = { deletedAt: last.deleted_at, id: last.id };
        const storageKeys: string[] = [];
        let deleted = 0;
        for (const person of due) {
          const { storageKeys: keys } = await erasePersonInTransaction(tx, person.id, now);
          storageKeys.push(...keys);
          if (!person.held) {
            await tx.buyerProfile.deleteMany({ where: { userId: person.id, deletedAt: undefined } });
            await tx.user.delete({ where: { id: person.id } });
            deleted += 1;
          }
        }
        return {
          count: due.length,
          storageKeys,
          details: { hardDeleted: deleted, anonymisedUnderHold: due.length - deleted },
        };
      };
    },
  },
  // Listings nobody has touched for a year: archived (not deleted).
  listings: {
    count: (prisma, cutoff) =>
      prisma.business.count({
        where: { status: { in: [...ARCHIVABLE_STATUSES] }, lastActivityAt: { lte: cutoff } },
      }),
    batch: (size) => async (tx, cutoff) => ({
      count: await tx.$executeRaw`
        UPDATE businesses SET status = 'ARCHIVED', version = version + 1, updated_at = now()
        WHERE id IN (SELECT id FROM businesses
                     WHERE status::text = ANY(${ARCHIVABLE_STATUSES}) AND last_activity_at <= ${cutoff}
                       AND deleted_at IS NULL
                     ORDER BY id LIMIT ${size} FOR UPDATE SKIP LOCKED)`,
    }),
  },
  // Audit rows older than 7 years: purged by the database's own function, oldest first, so the
  // hash chain stays verifiable from its new start.
  "audit-logs": {
    // Only sealed rows are purged (the chain must pass over them first); the sealer takes any
    // others within seconds, and the next run purges them.
    count: (prisma, cutoff) =>
      prisma.auditLog.count({ where: { occurredAt: { lt: cutoff }, chainPosition: { not: null } } }),
    batch: (size) => async (tx) => {
      const [row] = await tx.$queryRaw<{ purged: number }[]>`SELECT purge_expired_audit_logs(${size}::int) AS purged`;
      return { count: row?.purged ?? 0 };
    },
  },
  // Financial figures for periods that ended more than 6 years ago, and valuations made more
  // than 6 years ago: deleted.
  financials: {
    count: async (prisma, cutoff) =>
      (await prisma.businessFinancial.count({ where: { financialYearEnd: { lte: cutoff }, deletedAt: undefined } })) +
      (await prisma.valuation.count({ where: { createdAt: { lte: cutoff }, deletedAt: undefined } })) +
      (await prisma.deal.count({ where: endedDealsBefore(cutoff) })) +
      // Offers go with their deal (or alone, without one), once they ended six years ago too.
      (await prisma.offer.count({
        where: { endedAt: { lte: cutoff }, OR: [{ deal: { is: null } }, { deal: { is: endedDealsBefore(cutoff) } }] },
      })),
    batch: (size) => async (tx, cutoff) => {
      const financials = await tx.$executeRaw`
        DELETE FROM business_financials WHERE id IN (
          SELECT id FROM business_financials WHERE financial_year_end <= ${cutoff}::date
          ORDER BY id LIMIT ${size} FOR UPDATE SKIP LOCKED)`;
      const valuations = await tx.$executeRaw`
        DELETE FROM valuations WHERE id IN (
          SELECT id FROM valuations WHERE created_at <= ${cutoff}
          ORDER BY id LIMIT ${size} FOR UPDATE SKIP LOCKED)`;
      // Deals six years after they completed or fell through, with their versions, signatures,
      // exclusivity and heads of terms; then offers that ended six years ago without a deal.
      const deals = await tx.$queryRaw<{ storage_key: string }[]>`
        DELETE FROM deals WHERE id IN (
          SELECT id FROM deals
          WHERE status IN ('COMPLETED', 'FELL_THROUGH') AND coalesce(completion_confirmed_at, fell_through_at) <= ${cutoff}
          ORDER BY id LIMIT ${size} FOR UPDATE SKIP LOCKED)
        RETURNING heads_of_terms_storage_key AS storage_key`;
      const offers = await tx.$executeRaw`
        DELETE FROM offers WHERE id IN (
          SELECT o.id FROM offers o
          WHERE o.ended_at <= ${cutoff} AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.offer_id = o.id)
          ORDER BY o.id LIMIT ${size} FOR UPDATE OF o SKIP LOCKED)`;
      return {
        count: financials + valuations + deals.length + offers,
        storageKeys: deals.map((deal) => deal.storage_key),
      };
    },
  },
  // Short-lived records a day after they stopped mattering: rate-limit hits (the longest window
  // is an hour), idempotency keys (remembered 24 hours), ended or expired sessions, spent or
  // expired e-mail tokens; delivered, dead or cancelled outbox messages after 30 days; notifications after 180 days. Their IP
  // addresses, user agents and e-mail addresses go with them.
  "expired-records": {
    count: async (prisma, cutoff, now) =>
      (await prisma.outboxMessage.count({
        where: { status: { in: ["SENT", "DEAD", "CANCELLED"] }, createdAt: { lte: messagesCutoff(now) } },
      })) +
      (await prisma.notification.count({ where: { createdAt: { lte: notificationsCutoff(now) } } })) +
      (await prisma.rateLimitHit.count({ where: { occurredAt: { lte: cutoff } } })) +
      (await prisma.idempotencyKey.count({ where: { createdAt: { lte: cutoff } } })) +
      (await prisma.session.count({
        where: { OR: [{ expiresAt: { lte: cutoff } }, { revokedAt: { lte: cutoff } }] },
      })) +
      (await prisma.userToken.count({ where: { OR: [{ expiresAt: { lte: cutoff } }, { usedAt: { lte: cutoff } }] } })),
    batch: (size) => async (tx, cutoff, now) => {
      const counts = [
        await tx.$executeRaw`
          DELETE FROM outbox_messages WHERE id IN (
            SELECT id FROM outbox_messages
            WHERE status IN ('SENT', 'DEAD', 'CANCELLED') AND created_at <= ${messagesCutoff(now)}
            LIMIT ${size} FOR UPDATE SKIP LOCKED)`,
        await tx.$executeRaw`
          DELETE FROM notifications WHERE id IN (
            SELECT id FROM notifications WHERE created_at <= ${notificationsCutoff(now)}
            LIMIT ${size} FOR UPDATE SKIP LOCKED)`,
        await tx.$executeRaw`
          DELETE FROM rate_limit_hits WHERE id IN (
            SELECT id FROM rate_limit_hits WHERE occurred_at <= ${cutoff} LIMIT ${size} FOR UPDATE SKIP LOCKED)`,
        await tx.$executeRaw`
          DELETE FROM idempotency_keys WHERE id IN (
            SELECT id FROM idempotency_keys WHERE created_at <= ${cutoff} LIMIT ${size} FOR UPDATE SKIP LOCKED)`,
        await tx.$executeRaw`
          DELETE FROM sessions WHERE id IN (
            SELECT id FROM sessions WHERE expires_at <= ${cutoff} OR revoked_at <= ${cutoff}
            LIMIT ${size} FOR UPDATE SKIP LOCKED)`,
        await tx.$executeRaw`
          DELETE FROM user_tokens WHERE id IN (
            SELECT id FROM user_tokens WHERE expires_at <= ${cutoff} OR used_at <= ${cutoff}
            LIMIT ${size} FOR UPDATE SKIP LOCKED)`,
      ];
      return { count: counts.reduce((sum, count) => sum + count, 0) };
    },
  },
};

/**
 * Runs one retention job: batch after batch, each its own short transaction, until nothing is
 * due. Idempotent and resumable: each batch selects what is still due, so after a crash a new
 * run carries on and nothing is done twice. A dry run counts what is due and changes nothing.
 * Every run is recorded in retention_runs; changes are in the audit trail as a system session.
 */
export async function runRetentionJob(
  prisma: PrismaClient,
  storage: ObjectStorage,
  job: RetentionJobName,
  options: RetentionOptions,
): Promise<RetentionResult> {
  const now = options.clock.now();
  const cutoff = cutoffFor(job, now);
  const dryRun = options.dryRun ?? false;
  // Users: each erasure touches many rows of that person's (and writes their audit rows); 25
  // people keep a batch's row locks near half a second (bench:retention). Other writers do not
  // wait on it otherwise: audit rows take no shared lock (bench:write-latency).
  const batchSize = options.batchSize ?? (job === "users" ? 25 : 1000);
  const { count, batch } = batches[job];
  const run = await prisma.retentionRun.create({ data: { job, dryRun, cutoff }, select: { id: true } });
  const session = { system: true, requestId: `retention:${job}:${run.id}` };

  const result: RetentionResult = {
    runId: run.id,
    job,
    dryRun,
    cutoff: cutoff.toISOString(),
    processed: 0,
    batches: 0,
    longestBatchMs: 0,
  };
  try {
    if (dryRun) {
      result.processed = await runWithDatabaseSession(session, () => count(prisma, cutoff, now));
    } else {
      const work = batch(batchSize);
      for (;;) {
        const started = performance.now();
        const done = await runWithDatabaseSession(session, () =>
          prisma.$transaction((tx) => work(tx, cutoff, now), { timeout: 60_000 }),
        );
        const elapsed = Math.round(performance.now() - started);
        if (done.count === 0) break;
        for (const key of done.storageKeys ?? []) await storage.delete(key);
        result.processed += done.count;
        result.batches += 1;
        result.longestBatchMs = Math.max(result.longestBatchMs, elapsed);
        for (const [key, value] of Object.entries(done.details ?? {})) {
          result.details = { ...result.details, [key]: (result.details?.[key] ?? 0) + value };
        }
        await prisma.retentionRun.update({
          where: { id: run.id },
          data: { processed: result.processed, batches: result.batches, longestBatchMs: result.longestBatchMs },
        });
        options.onProgress?.({ job, processed: result.processed, batches: result.batches });
        await options.afterBatch?.(result.batches);
      }
    }
    await prisma.retentionRun.update({
      where: { id: run.id },
      data: { status: "done", processed: result.processed, finishedAt: options.clock.now() },
    });
    return result;
  } catch (error) {
    await prisma.retentionRun.update({
      where: { id: run.id },
      data: {
        status: "failed",
        error: String((error as Error)?.message ?? error).slice(0, 1000),
        finishedAt: options.clock.now(),
      },
    });
    throw error;
  }
}
