import type { Prisma } from "../../generated/prisma/client.ts";
import { effectiveDeliverySql, type NotificationTopic } from "./notification-topics.ts";

/** Something one person should hear about. */
export interface NewNotification {
  userId: string;
  topic: NotificationTopic;
  /** What it is about: the same key for the same person notifies once, however often it is seen. */
  dedupeKey: string;
  title: string;
  body: string;
  /** A path in the web app: "/inquiries/<id>". */
  link: string;
  /** Its own delivery within the topic's (a saved search's frequency); a topic turned off stays off. */
  delivery?: "IMMEDIATE" | "DAILY_DIGEST" | undefined;
}

/**
 * Writes the notifications and, for people who want the topic at once, the outbox message that
 * e-mails each one, in one statement inside the caller's transaction: nobody hears of a change
 * that rolls back, and a key already notified is skipped (so a handler run twice notifies once).
 * People suspended or closed are not notified. The message's content is built at delivery
 * (notification-messages.ts), where the preference is checked again.
 */
export async function notify(
  tx: Pick<Prisma.TransactionClient, "$queryRawUnsafe">,
  notifications: readonly NewNotification[],
  now: Date,
): Promise<{ notified: number; emailed: number }> {
  if (notifications.length === 0) return { notified: 0, emailed: 0 };
  const column = <K extends keyof NewNotification>(key: K) => notifications.map((notification) => notification[key]);
  const [row] = await tx.$queryRawUnsafe<{ notified: number; emailed: number }[]>(
    NOTIFY_SQL,
    column("userId"),
    column("topic"),
    column("dedupeKey"),
    column("title"),
    column("body"),
    column("link"),
    notifications.map((notification) => notification.delivery ?? null),
    now,
  );
  return row!;
}

const NOTIFY_SQL = `
  WITH input AS (
    SELECT DISTINCT ON (user_id, dedupe_key) *
    FROM unnest($1::uuid[], $2::"NotificationTopic"[], $3::text[], $4::text[], $5::text[], $6::text[],
                $7::"NotificationDelivery"[])
      AS t(user_id, topic, dedupe_key, title, body, link, delivery)
  ), inserted AS (
    INSERT INTO notifications (id, user_id, topic, dedupe_key, title, body, link, delivery, created_at)
    SELECT gen_random_uuid(), i.user_id, i.topic, i.dedupe_key, i.title, i.body, i.link, i.delivery, $8
    FROM input i
    JOIN users u ON u.id = i.user_id AND u.deleted_at IS NULL AND u.status = 'ACTIVE'
    ON CONFLICT (user_id, dedupe_key) DO NOTHING
    RETURNING id, user_id, topic, delivery
  ), emailed AS (
    INSERT INTO outbox_messages (id, kind, idempotency_key, recipient_user_id, recipient_email, data, next_attempt_at, created_at)
    SELECT gen_random_uuid(), 'notification.' || n.topic, 'notification:' || n.id, n.user_id, u.email,
           jsonb_build_object('notificationId', n.id), $8, $8
    FROM inserted n
    JOIN users u ON u.id = n.user_id
    LEFT JOIN notification_preferences p ON p.user_id = n.user_id AND p.topic = n.topic
    WHERE ${effectiveDeliverySql("n", "p")} = 'IMMEDIATE'
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM inserted)::int AS notified, (SELECT count(*) FROM emailed)::int AS emailed`;
