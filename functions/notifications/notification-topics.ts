import { NotificationDelivery, NotificationTopic } from "../../generated/prisma/enums.ts";

export { NotificationDelivery, NotificationTopic };

/** What each topic is, for the preferences API and the e-mails' footers. */
export interface TopicDescription {
  /** Who receives it and when, in plain English. */
  description: string;
  /** The delivery when the person has not chosen one. */
  defaultDelivery: NotificationDelivery;
}

export const NOTIFICATION_TOPICS: Record<NotificationTopic, TopicDescription> = {
  INQUIRY_RECEIVED: {
    description: "A buyer asked about one of your listings (sellers and the listing's advisor).",
    defaultDelivery: "IMMEDIATE",
  },
  INQUIRY_ANSWERED: {
    description: "A seller accepted or declined your inquiry (buyers).",
    defaultDelivery: "IMMEDIATE",
  },
  NDA_ACCEPTED: {
    description: "A buyer signed the NDA for one of your listings and the deal room opened (sellers).",
    defaultDelivery: "IMMEDIATE",
  },
  DEAL_ROOM_QA: {
    description: "A question or an answer in one of your deal rooms (the other side).",
    defaultDelivery: "IMMEDIATE",
  },
  DEAL_ROOM_DOCUMENTS: {
    description: "A new document or a new version in one of your deal rooms (its members).",
    defaultDelivery: "IMMEDIATE",
  },
  // Many at once when listings are published in bulk: a digest unless the buyer asks otherwise.
  NEW_MATCHES: {
    description: "A listing newly matches your acquisition profile at or above your minimum score (buyers).",
    defaultDelivery: "DAILY_DIGEST",
  },
  SAVED_SEARCH_ALERTS: {
    description: "A listing newly matches one of your saved searches (buyers).",
    defaultDelivery: "IMMEDIATE",
  },
  INQUIRY_REMINDERS: {
    description: "An inquiry has waited 3 and then 7 days for your answer (sellers).",
    defaultDelivery: "IMMEDIATE",
  },
  OFFERS: {
    description:
      "An offer received, countered, accepted, rejected or expired (the buyer, the seller and the listing's advisor).",
    defaultDelivery: "IMMEDIATE",
  },
  DEAL_PROGRESS: {
    description:
      "Heads of terms awaiting your signature, exclusivity starting or ending soon, a deal completed or fallen through (both sides).",
    defaultDelivery: "IMMEDIATE",
  },
};

/** The lowest match score a buyer is told about unless they choose another. */
export const DEFAULT_MIN_MATCH_SCORE = 80;

/** The outbox message kind that carries one notification of `topic` by e-mail. */
export const notificationMessageKind = (topic: NotificationTopic) => `notification.${topic}`;

/** The outbox message kind of the daily digest. */
export const DIGEST_MESSAGE_KIND = "notification.DAILY_DIGEST";

/** The topic an outbox message kind carries, or null for a digest or a message that is not a notification. */
export function topicOfMessageKind(kind: string): NotificationTopic | null {
  const topic = kind.startsWith("notification.") ? kind.slice("notification.".length) : "";
  return topic in NOTIFICATION_TOPICS ? (topic as NotificationTopic) : null;
}

/** SQL for the default delivery of the topic in `topicColumn`, for statements that join preferences. */
export function defaultDeliverySql(topicColumn: string): string {
  const cases = Object.entries(NOTIFICATION_TOPICS).map(
    ([topic, { defaultDelivery }]) => `WHEN '${topic}' THEN '${defaultDelivery}'`,
  );
  return `CASE ${topicColumn}::text ${cases.join(" ")} END`;
}

/**
 * SQL for how notification `n` is delivered, given the person's preference row `p` for its
 * topic (LEFT JOINed): off when the topic is off, else the notification's own delivery if it has
 * one (a saved search's frequency), else the topic's choice or default.
 */
export function effectiveDeliverySql(notification: string, preference: string): string {
  return `CASE WHEN ${preference}.delivery = 'OFF' THEN 'OFF'
    ELSE coalesce(${notification}.delivery::text, ${preference}.delivery::text, ${defaultDeliverySql(`${notification}.topic`)}) END`;
}
