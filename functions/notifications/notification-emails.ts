import { NOTIFICATION_TOPICS, type NotificationTopic } from "./notification-topics.ts";
import { type UnsubscribeScope, unsubscribeToken } from "./unsubscribe-token.ts";

/** Where notification e-mails link to, and the key that signs their unsubscribe links. */
export interface NotificationEmailConfig {
  appUrl: string;
  apiUrl: string;
  unsubscribeKey: Buffer;
}

/** The one-click unsubscribe endpoint for `scope` (RFC 8058: the List-Unsubscribe header's URL). */
export function oneClickUnsubscribeUrl(config: NotificationEmailConfig, userId: string, scope: UnsubscribeScope) {
  return `${config.apiUrl}/notifications/unsubscribe?token=${encodeURIComponent(unsubscribeToken(config.unsubscribeKey, userId, scope))}`;
}

/** The headers that let a mail client offer "unsubscribe" and do it in one click (RFC 2369, RFC 8058). */
export function unsubscribeHeaders(config: NotificationEmailConfig, userId: string, scope: UnsubscribeScope) {
  return {
    "List-Unsubscribe": `<${oneClickUnsubscribeUrl(config, userId, scope)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

/** The closing lines of every notification e-mail: why it came, and how to stop it. */
export function notificationFooter(config: NotificationEmailConfig, userId: string, scope: UnsubscribeScope): string {
  const why =
    scope === "DAILY_DIGEST"
      ? "You get this daily digest because of your ExitMatch notification settings."
      : `You get these e-mails because of your ExitMatch notification settings: ${NOTIFICATION_TOPICS[scope as NotificationTopic].description}`;
  const token = encodeURIComponent(unsubscribeToken(config.unsubscribeKey, userId, scope));
  return [
    "--",
    why,
    `Change your settings: ${config.appUrl}/settings/notifications`,
    `Unsubscribe: ${config.appUrl}/notifications/unsubscribe?token=${token}`,
  ].join("\n");
}
