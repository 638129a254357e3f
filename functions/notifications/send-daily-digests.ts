import type { PrismaClient } from "../../generated/prisma/client.ts";
import { runWithDatabaseSession } from "../db/database-session.ts";
import { type NotificationEmailConfig, notificationFooter } from "./notification-emails.ts";
import { DIGEST_MESSAGE_KIND, effectiveDeliverySql } from "./notification-topics.ts";

/** Digests go out from this hour, UK time, once a day. */
export const DIGEST_HOUR_UK = 7;
/** A digest looks back this far: older notifications (a topic switched to the digest later) stay in the app only. */
const DIGEST_LOOKBACK_DAYS = 7;
/** The most items one digest lists; the rest are counted, with a link to all of them. */
const DIGEST_MAX_ITEMS = 50;

const UK_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  hourCycle: "h23",
});

/** The UK calendar day ("2026-12-01") and hour of `now`, summer time included. */
export function ukDayAndHour(now: Date): { day: string; hour: number } {
  const part = (type: string) => UK_TIME.formatToParts(now).find((p) => p.type === type)?.value ?? "";
  return { day: `${part("year")}-${part("month")}-${part("day")}`, hour: Number(part("hour")) };
}

const AWAITING_DIGEST_SQL = `
  n.emailed_at IS NULL AND n.created_at > $1::timestamptz - interval '${DIGEST_LOOKBACK_DAYS} days' AND n.created_at <= $1
  AND ${effectiveDeliverySql("n", "p")} = 'DAILY_DIGEST'`;

const PEOPLE_DUE_SQL = `
  SELECT DISTINCT n.user_id::text AS user_id
  FROM notifications n
  JOIN users u ON u.id = n.user_id AND u.deleted_at IS NULL AND u.status = 'ACTIVE'
  LEFT JOIN notification_preferences p ON p.user_id = n.user_id AND p.topic = n.topic
  WHERE ${AWAITING_DIGEST_SQL}
    AND NOT EXISTS (SELECT 1 FROM outbox_messages m WHERE m.idempotency_key = 'digest:' || n.user_id || ':' || $2)
  LIMIT $3`;

const PERSONS_ITEMS_SQL = `
  SELECT n.id::text, n.title, n.link
  FROM notifications n
  LEFT JOIN notification_preferences p ON p.user_id = n.user_id AND p.topic = n.topic
  WHERE n.user_id = $2::uuid AND ${AWAITING_DIGEST_SQL}
  ORDER BY n.created_at, n.id
  FOR UPDATE OF n`;

/**
 * Sends each person who wants a daily digest one e-mail a day (from 07:00 UK time) listing what
 * waited for it, and marks those notifications e-mailed, one person per transaction. Safe to run
 * as often as the dispatcher runs: the message's idempotency key is the person and the UK day,
 * so a second run, a second process or a retry after a crash sends nothing more that day.
 */
export async function sendDailyDigests(
  deps: { prisma: PrismaClient; config: NotificationEmailConfig },
  now: Date,
  options: { batchSize?: number } = {},
): Promise<{ digests: number; notifications: number }> {
  const { day, hour } = ukDayAndHour(now);
  const result = { digests: 0, notifications: 0 };
  if (hour < DIGEST_HOUR_UK) return result;
  return runWithDatabaseSession({ system: true, requestId: `digest:${day}` }, async () => {
    for (;;) {
      const due = await deps.prisma.$queryRawUnsafe<{ user_id: string }[]>(
        PEOPLE_DUE_SQL,
        now,
        day,
        options.batchSize ?? 100,
      );
      for (const { user_id: userId } of due) {
        const sent = await digestFor(deps, userId, day, now);
        if (sent > 0) {
          result.digests += 1;
          result.notifications += sent;
        }
      }
      if (due.length < (options.batchSize ?? 100)) return result;
    }
  });
}

/** One person's digest for `day`, queued in one transaction with the marks; 0 when there was nothing (or it went already). */
async function digestFor(
  deps: { prisma: PrismaClient; config: NotificationEmailConfig },
  userId: string,
  day: string,
  now: Date,
): Promise<number> {
  const { config } = deps;
  return deps.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
    const items = await tx.$queryRawUnsafe<{ id: string; title: string; link: string }[]>(
      PERSONS_ITEMS_SQL,
      now,
      userId,
    );
    if (items.length === 0) return 0;
    const listed = items.slice(0, DIGEST_MAX_ITEMS);
    const more = items.length - listed.length;
    const body = [
      `Hello ${user.name},`,
      "",
      `Since your last digest (${items.length} ${items.length === 1 ? "update" : "updates"}):`,
      "",
      ...listed.map((item) => `- ${item.title}\n  ${config.appUrl}${item.link}`),
      ...(more > 0 ? ["", `…and ${more} more: ${config.appUrl}/notifications`] : []),
      "",
      notificationFooter(config, userId, "DAILY_DIGEST"),
    ].join("\n");
    const queued = await tx.$executeRaw`
      INSERT INTO outbox_messages (id, kind, idempotency_key, recipient_user_id, recipient_email, subject, body, next_attempt_at, created_at)
      VALUES (gen_random_uuid(), ${DIGEST_MESSAGE_KIND}, ${`digest:${userId}:${day}`}, ${userId}::uuid, ${user.email},
              ${`Your ExitMatch daily digest: ${items.length} ${items.length === 1 ? "update" : "updates"}`}, ${body}, ${now}, ${now})
      ON CONFLICT (idempotency_key) DO NOTHING`;
    if (queued === 0) return 0;
    await tx.notification.updateMany({ where: { id: { in: items.map((item) => item.id) } }, data: { emailedAt: now } });
    return items.length;
  });
}
