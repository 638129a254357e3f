import { accountMessagePreparers } from "../accounts/account-message-preparers.ts";
import type { NotificationEmailConfig } from "../notifications/notification-emails.ts";
import { notificationDeliveryPolicy, notificationPreparers } from "../notifications/notification-messages.ts";
import type { DeliveryPolicy, MessagePreparer } from "../outbox/dispatch-outbox.ts";

/**
 * How the outbox delivers every kind of message (functions/outbox/): what prepares the ones
 * decided at delivery, and the policy asked before each attempt (unsubscribes, their headers).
 */
export function messageDelivery(config: NotificationEmailConfig): {
  preparers: Record<string, MessagePreparer>;
  policy: DeliveryPolicy;
} {
  return {
    preparers: { ...accountMessagePreparers(config.appUrl), ...notificationPreparers(config) },
    policy: notificationDeliveryPolicy(config),
  };
}
