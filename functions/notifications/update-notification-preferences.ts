import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { preferencesOf, saveTopicChoice, type TopicPreference } from "./notification-preferences.ts";
import type { NotificationDelivery, NotificationTopic } from "./notification-topics.ts";

/** A choice for one topic; `minMatchScore` only for NEW_MATCHES (the route refuses it elsewhere). */
export interface TopicChoice {
  delivery: NotificationDelivery;
  minMatchScore?: number | undefined;
}

/**
 * Sets the caller's delivery for the topics given (the others keep theirs), in one transaction.
 * Takes effect at once: a message already queued for a topic now off is not sent (checked again
 * at delivery, notification-delivery-policy.ts).
 */
export async function updateNotificationPreferences(
  deps: { prisma: PrismaClient },
  input: Partial<Record<NotificationTopic, TopicChoice>>,
  request: SignedInRequest,
): Promise<TopicPreference[]> {
  const userId = request.caller.id;
  return deps.prisma.$transaction(async (tx) => {
    for (const [topic, choice] of Object.entries(input) as [NotificationTopic, TopicChoice][]) {
      await saveTopicChoice(tx, userId, topic, choice, request.receivedAt);
    }
    return preferencesOf(tx, userId);
  });
}
updateNotificationPreferences.failures = [] as const;
