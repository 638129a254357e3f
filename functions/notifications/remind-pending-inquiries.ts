import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { INQUIRY_REMINDER_DAYS } from "../domain/seller-responsiveness-rules.ts";
import { type NewNotification, notify } from "./notify.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Reminders written per transaction. */
const BATCH_SIZE = 200;

/**
 * Reminds sellers of inquiries still pending 3 and then 7 days after they arrived (through the
 * outbox, as INQUIRY_REMINDERS notifications), each reminder once: its dedupe key is the inquiry
 * and the day. Only for live listings of active sellers; an inquiry answered or withdrawn in the
 * meantime is not reminded of. Safe to run as often as the dispatcher runs; a reminder missed
 * while nothing ran goes out at the next run (a 7-day one alone, if both are due).
 */
export async function remindPendingInquiries(
  deps: { prisma: PrismaClient },
  now: Date,
  options: { batchSize?: number } = {},
): Promise<{ reminded: number }> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  let reminded = 0;
  // Longest wait first, so an inquiry overdue for both gets the 7-day reminder and then skips the 3-day one.
  for (const days of [...INQUIRY_REMINDER_DAYS].sort((a, b) => b - a)) {
    // This reminder, or a later one, already sent: nothing to send.
    const sentAlready = INQUIRY_REMINDER_DAYS.filter((other) => other >= days);
    for (;;) {
      const written = await deps.prisma.$transaction(async (tx) => {
        const due = await tx.$queryRaw<{ id: string; seller_id: string; title: string; created_at: Date }[]>`
            SELECT i.id::text, b.seller_id::text, b.title, i.created_at
            FROM inquiries i
            JOIN businesses b ON b.id = i.business_id AND b.deleted_at IS NULL
            JOIN users s ON s.id = b.seller_id AND s.deleted_at IS NULL AND s.status = 'ACTIVE'
            WHERE i.status = 'PENDING' AND i.deleted_at IS NULL
              AND i.created_at <= ${new Date(now.getTime() - days * DAY_MS)}
              AND NOT EXISTS (
                SELECT 1 FROM notifications n
                WHERE n.user_id = b.seller_id
                  AND n.dedupe_key IN (${Prisma.join(
                    sentAlready.map((day) => Prisma.sql`'inquiry-reminder:' || i.id || ${`:${day}`}`),
                  )}))
            ORDER BY i.created_at
            LIMIT ${batchSize}`;
        const reminders: NewNotification[] = due.map((inquiry) => ({
          userId: inquiry.seller_id,
          topic: "INQUIRY_REMINDERS",
          dedupeKey: `inquiry-reminder:${inquiry.id}:${days}`,
          title: `A buyer has waited ${days} days for your answer about ${inquiry.title}`,
          body: `An inquiry about "${inquiry.title}" has been waiting since ${inquiry.created_at.toISOString().slice(0, 10)}. Buyers move on from sellers who do not answer: accept it or decline it.`,
          link: `/inquiries/${inquiry.id}`,
        }));
        return { due: due.length, notified: (await notify(tx, reminders, now)).notified };
      });
      reminded += written.notified;
      // Stop when the batch was the last, or wrote nothing (never loop on what cannot be written).
      if (written.due < batchSize || written.notified === 0) break;
    }
  }
  return { reminded };
}
