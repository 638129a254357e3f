import { createHmac, timingSafeEqual } from "node:crypto";
import { NOTIFICATION_TOPICS, type NotificationTopic } from "./notification-topics.ts";

/** What one unsubscribe link turns off: one topic, or the daily digest as a whole. */
export type UnsubscribeScope = NotificationTopic | "DAILY_DIGEST";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(key: Buffer, userId: string, scope: UnsubscribeScope): string {
  return createHmac("sha256", key).update(`${userId}.${scope}`).digest("base64url");
}

/**
 * A link token that turns `scope` off for `userId`, with no sign-in (RFC 8058 one-click), signed
 * with AppConfig's unsubscribeKey. It does not expire: an unsubscribe link in an old e-mail must
 * keep working. It can do nothing else.
 */
export function unsubscribeToken(key: Buffer, userId: string, scope: UnsubscribeScope): string {
  return `${userId}.${scope}.${signature(key, userId, scope)}`;
}

/** The person and scope a token was made for, or null when it is malformed or not ours. */
export function readUnsubscribeToken(key: Buffer, token: string): { userId: string; scope: UnsubscribeScope } | null {
  const [userId, scope, mac, ...rest] = token.split(".");
  if (rest.length > 0 || !userId || !scope || !mac || !UUID.test(userId)) return null;
  if (scope !== "DAILY_DIGEST" && !(scope in NOTIFICATION_TOPICS)) return null;
  const expected = Buffer.from(signature(key, userId, scope as UnsubscribeScope));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, scope: scope as UnsubscribeScope };
}
