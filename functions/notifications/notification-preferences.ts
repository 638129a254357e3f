import type { Prisma } from "../../generated/prisma/client.ts";
import {
  DEFAULT_MIN_MATCH_SCORE,
  NOTIFICATION_TOPICS,
  type NotificationDelivery,
  type NotificationTopic,
} from "./notification-topics.ts";

/** One topic as it applies to a person: their choice, or the default. */
export interface TopicPreference {
  topic: NotificationTopic;
  description: string;
  delivery: NotificationDelivery;
  /** Whether this is the topic's default (the person has not chosen). */
  isDefault: boolean;
  /** NEW_MATCHES only. */
  minMatchScore?: number;
}

/** Every topic's preference for `userId`, in the topics' order. */
export async function preferencesOf(
  tx: Pick<Prisma.TransactionClient, "notificationPreference">,
  userId: string,
): Promise<TopicPreference[]> {
  const chosen = await tx.notificationPreference.findMany({ where: { userId } });
  return (Object.keys(NOTIFICATION_TOPICS) as NotificationTopic[]).map((topic) => {
    const choice = chosen.find((row) => row.topic === topic);
    return {
      topic,
      description: NOTIFICATION_TOPICS[topic].description,
      delivery: choice?.delivery ?? NOTIFICATION_TOPICS[topic].defaultDelivery,
      isDefault: !choice,
      ...(topic === "NEW_MATCHES" ? { minMatchScore: choice?.minMatchScore ?? DEFAULT_MIN_MATCH_SCORE } : {}),
    };
  });
}

/** How `userId` wants `topic` delivered now. */
export async function deliveryOf(
  tx: Pick<Prisma.TransactionClient, "notificationPreference">,
  userId: string,
  topic: NotificationTopic,
): Promise<NotificationDelivery> {
  const choice = await tx.notificationPreference.findUnique({
    where: { userId_topic: { userId, topic } },
    select: { delivery: true },
  });
  return choice?.delivery ?? NOTIFICATION_TOPICS[topic].defaultDelivery;
}

/** Records `userId`'s delivery for `topic` (and, for NEW_MATCHES, the minimum score; else none). */
export async function saveTopicChoice(
  tx: Pick<Prisma.TransactionClient, "notificationPreference">,
  userId: string,
  topic: NotificationTopic,
  choice: { delivery: NotificationDelivery; minMatchScore?: number | undefined },
  now: Date,
): Promise<void> {
  const data = {
    delivery: choice.delivery,
    minMatchScore: topic === "NEW_MATCHES" ? (choice.minMatchScore ?? null) : null,
    updatedAt: now,
  };
  await tx.notificationPreference.upsert({
    where: { userId_topic: { userId, topic } },
    create: { userId, topic, ...data },
    update: data,
  });
}
