import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import type { Clock } from "../clock/clock.ts";
import { runWithDatabaseSession } from "../db/database-session.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { MessageRecipient } from "./enqueue-message.ts";
import { claimDueRows, recordFailedAttempt } from "./leased-claims.ts";

/** A deferred message's content, decided by its kind's preparer at delivery. */
export interface PreparedMessage {
  to: MessageRecipient;
  subject: string;
  body: string;
}

/**
 * Prepares a deferred message (enqueue-message.ts) inside a transaction: may write what the
 * message needs (a token, an account), and runs once per message, however often delivery is
 * retried. Null: the message is not to be sent after all (CANCELLED).
 */
export type MessagePreparer = (
  tx: Prisma.TransactionClient,
  data: unknown,
  now: Date,
) => Promise<PreparedMessage | null>;

/**
 * Decides, before every delivery attempt, whether a message may still go out (its recipient may
 * have unsubscribed since it was queued) and which headers it carries (List-Unsubscribe).
 */
export type DeliveryPolicy = (
  prisma: PrismaClient,
  message: { kind: string; recipientUserId: string | null },
) => Promise<{ deliver: false } | { deliver: true; headers?: Record<string, string> | undefined }>;

/** Every message may go, with no extra headers. */
const deliverEverything: DeliveryPolicy = async () => ({ deliver: true });

export interface DispatchResult {
  sent: number;
  /** Not sent on purpose (see DeliveryPolicy and MessagePreparer). */
  cancelled: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for the last time. */
  dead: number;
}

interface ClaimedMessage {
  id: string;
  kind: string;
  idempotency_key: string;
  recipient_email: string;
  recipient_user_id: string | null;
  subject: string | null;
  body: string | null;
  attempts: number;
}

/** The message's content: as written, or prepared now (once) by its kind's preparer. */
async function contentOf(
  prisma: PrismaClient,
  preparers: Record<string, MessagePreparer>,
  message: ClaimedMessage,
  now: Date,
): Promise<{ to: string; subject: string; body: string } | null> {
  if (message.subject !== null && message.body !== null) {
    return { to: message.recipient_email, subject: message.subject, body: message.body };
  }
  const prepare = preparers[message.kind];
  if (!prepare) throw new Error(`No preparer for outbox messages of kind ${message.kind}.`);
  const session = { system: true, requestId: `outbox:${message.id}` };
  const prepared = await runWithDatabaseSession(session, () =>
    prisma.$transaction(async (tx) => {
      const row = await tx.outboxMessage.findUniqueOrThrow({ where: { id: message.id }, select: { data: true } });
      const content = await prepare(tx, row.data, now);
      if (!content) return null;
      await tx.outboxMessage.update({
        where: { id: message.id },
        data: {
          recipientEmail: content.to.email,
          recipientUserId: content.to.userId ?? null,
          subject: content.subject,
          body: content.body,
          data: Prisma.DbNull,
        },
      });
      return content;
    }),
  );
  return prepared && { to: prepared.to.email, subject: prepared.subject, body: prepared.body };
}

/**
 * Delivers one batch of due messages. Each is first claimed with a lease (so two dispatchers
 * never work on one message at once), then handed to the mailer with its idempotency key, then
 * marked sent. The delivery policy is asked first, on every attempt, so a message whose
 * recipient has turned its topic off since it was queued is CANCELLED, not sent. A dispatcher that dies between sending and marking leaves the lease to run out;
 * the next one sends again with the same key, and the mailer drops the duplicate: delivery is at
 * least once, receipt exactly once. A failure is retried with back-off, and after
 * MAX_DELIVERY_ATTEMPTS the message is dead.
 */
export async function dispatchOutbox(
  deps: {
    prisma: PrismaClient;
    mailer: Mailer;
    clock: Clock;
    preparers: Record<string, MessagePreparer>;
    policy?: DeliveryPolicy | undefined;
  },
  options: { batchSize?: number | undefined; leaseMs?: number | undefined } = {},
): Promise<DispatchResult> {
  const { prisma, mailer, clock } = deps;
  const policy = deps.policy ?? deliverEverything;
  const now = clock.now();
  const claimed = await claimDueRows<ClaimedMessage>(
    prisma,
    "outbox_messages",
    "id::text, kind, idempotency_key, recipient_email, recipient_user_id::text, subject, body, attempts",
    { now, ...options },
  );

  const result: DispatchResult = { sent: 0, cancelled: 0, retrying: 0, dead: 0 };
  for (const message of claimed) {
    try {
      const decision = await policy(prisma, { kind: message.kind, recipientUserId: message.recipient_user_id });
      const content = decision.deliver ? await contentOf(prisma, deps.preparers, message, now) : null;
      if (!decision.deliver || !content) {
        await prisma.outboxMessage.update({
          where: { id: message.id },
          data: { status: "CANCELLED", leasedUntil: null, data: Prisma.DbNull },
        });
        result.cancelled += 1;
        continue;
      }
      await mailer.send({
        to: content.to,
        subject: content.subject,
        text: content.body,
        idempotencyKey: message.idempotency_key,
        headers: decision.headers ?? {},
      });
      await prisma.outboxMessage.update({
        where: { id: message.id },
        data: { status: "SENT", sentAt: clock.now(), leasedUntil: null, lastError: null },
      });
      result.sent += 1;
    } catch (error) {
      result[await recordFailedAttempt(prisma, "outbox_messages", message, error, clock.now())] += 1;
    }
  }
  return result;
}
