import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

/**
 * Marks the caller's notifications read: the ones named, or all of them. Another person's ids
 * are ignored (never an error that would tell them such a notification exists).
 */
export async function markNotificationsRead(
  deps: { prisma: PrismaClient },
  input: { ids?: string[] | undefined; all?: boolean | undefined },
  request: SignedInRequest,
): Promise<{ marked: number }> {
  const { count } = await deps.prisma.notification.updateMany({
    where: {
      userId: request.caller.id,
      readAt: null,
      ...(input.all ? {} : { id: { in: input.ids ?? [] } }),
    },
    data: { readAt: request.receivedAt },
  });
  return { marked: count };
}
markNotificationsRead.failures = [] as const;
