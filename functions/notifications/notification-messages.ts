import type { DeliveryPolicy, MessagePreparer } from "../outbox/dispatch-outbox.ts";
import { type NotificationEmailConfig, notificationFooter, unsubscribeHeaders } from "./notification-emails.ts";
import { deliveryOf, preferencesOf } from "./notification-preferences.ts";
import {
  DIGEST_MESSAGE_KIND,
  NOTIFICATION_TOPICS,
  type NotificationTopic,
  notificationMessageKind,
  topicOfMessageKind,
} from "./notification-topics.ts";

/**
 * The e-mail for one notification, written at delivery from the notification as stored (notify.ts
 * queues only its id): the person's current address and name, and the link to act on it. Marks
 * the notification e-mailed, so the daily digest leaves it out. Nothing to send when the
 * notification or its person is gone (erased, or the listing deleted with its notifications).
 */
export function notificationPreparers(config: NotificationEmailConfig): Record<string, MessagePreparer> {
  const prepare: MessagePreparer = async (tx, data, now) => {
    const { notificationId } = data as { notificationId: string };
    const notification = await tx.notification.findUnique({
      where: { id: notificationId },
      include: { user: { select: { email: true, name: true, deletedAt: true } } },
    });
    if (!notification || notification.user.deletedAt) return null;
    await tx.notification.update({ where: { id: notification.id }, data: { emailedAt: now } });
    return {
      to: { email: notification.user.email, userId: notification.userId },
      subject: notification.title,
      body: [
        `Hello ${notification.user.name},`,
        "",
        notification.body,
        "",
        `Open it: ${config.appUrl}${notification.link}`,
        "",
        notificationFooter(config, notification.userId, notification.topic),
      ].join("\n"),
    };
  };
  return Object.fromEntries(
    (Object.keys(NOTIFICATION_TOPICS) as NotificationTopic[]).map((topic) => [notificationMessageKind(topic), prepare]),
  );
}

/**
 * Asked before every delivery attempt: a notification e-mail goes only while its topic is not
 * turned off (a digest: while its person still wants a digest), so an unsubscribe is honoured
 * even for what is already queued; each carries its one-click unsubscribe headers.
 * Other messages (account security: verification, password reset) always go, with none.
 */
export function notificationDeliveryPolicy(config: NotificationEmailConfig): DeliveryPolicy {
  return async (prisma, message) => {
    const scope = message.kind === DIGEST_MESSAGE_KIND ? "DAILY_DIGEST" : topicOfMessageKind(message.kind);
    if (!scope) return { deliver: true };
    const userId = message.recipientUserId;
    if (!userId) return { deliver: false };
    const wanted =
      scope === "DAILY_DIGEST"
        ? (await preferencesOf(prisma, userId)).some((preference) => preference.delivery === "DAILY_DIGEST")
        : (await deliveryOf(prisma, userId, scope)) !== "OFF";
    return wanted ? { deliver: true, headers: unsubscribeHeaders(config, userId, scope) } : { deliver: false };
  };
}
