import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { preferencesOf, type TopicPreference } from "./notification-preferences.ts";

/** The caller's delivery choice for every notification topic (defaults where they chose none). */
export async function getNotificationPreferences(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
): Promise<TopicPreference[]> {
  return preferencesOf(deps.prisma, request.caller.id);
}
getNotificationPreferences.failures = [] as const;
