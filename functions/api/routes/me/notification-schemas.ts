import { z } from "@hono/zod-openapi";
import type { Notification } from "../../../../generated/prisma/client.ts";
import { NotificationDelivery, NotificationTopic } from "../../../../generated/prisma/enums.ts";
import type { TopicPreference } from "../../../notifications/notification-preferences.ts";
import { uuid } from "../uuid.ts";

export const TopicPreferenceSchema = z
  .object({
    topic: z.enum(NotificationTopic),
    description: z.string(),
    delivery: z.enum(NotificationDelivery),
    isDefault: z.boolean().openapi({ description: "True until the person chooses for this topic" }),
    minMatchScore: z.number().int().min(0).max(100).optional().openapi({ description: "NEW_MATCHES only" }),
  })
  .openapi("NotificationPreference");

export const NotificationPreferencesSchema = z
  .object({
    items: z.array(TopicPreferenceSchema),
    accountSecurity: z
      .literal("IMMEDIATE")
      .openapi({ description: "Verification and password e-mails: always sent, cannot be turned off" }),
  })
  .openapi("NotificationPreferences");

const TopicChoiceSchema = z.object({ delivery: z.enum(NotificationDelivery) }).strict();

/** Only the topics to change; the rest keep their delivery. */
export const NotificationPreferencesInputSchema = z
  .object({
    ...Object.fromEntries(Object.values(NotificationTopic).map((topic) => [topic, TopicChoiceSchema.optional()])),
    NEW_MATCHES: z
      .object({
        delivery: z.enum(NotificationDelivery),
        minMatchScore: z.number().int().min(0).max(100).optional().openapi({ description: "Default 80" }),
      })
      .strict()
      .optional(),
    ACCOUNT_SECURITY: z
      .unknown()
      .refine((value) => value === undefined, {
        message: "account-security e-mails (verification, password reset) cannot be turned off",
      })
      .optional()
      .openapi({ description: "Not settable: account-security e-mails are always sent" }),
  })
  .strict()
  .openapi("NotificationPreferencesInput", {
    example: { NEW_MATCHES: { delivery: "DAILY_DIGEST", minMatchScore: 85 }, DEAL_ROOM_DOCUMENTS: { delivery: "OFF" } },
  });

export function toPreferencesResponse(items: TopicPreference[]): z.infer<typeof NotificationPreferencesSchema> {
  return { items, accountSecurity: "IMMEDIATE" };
}

export const NotificationSchema = z
  .object({
    id: uuid(),
    topic: z.enum(NotificationTopic),
    title: z.string(),
    body: z.string(),
    link: z.string().openapi({ description: "A path in the web app" }),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
    emailedAt: z.iso.datetime().nullable(),
  })
  .openapi("Notification");

export function toNotificationResponse(notification: Notification): z.infer<typeof NotificationSchema> {
  return {
    id: notification.id,
    topic: notification.topic,
    title: notification.title,
    body: notification.body,
    link: notification.link,
    createdAt: notification.createdAt.toISOString(),
    readAt: notification.readAt?.toISOString() ?? null,
    emailedAt: notification.emailedAt?.toISOString() ?? null,
  };
}
