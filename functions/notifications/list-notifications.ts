import type { Notification, PrismaClient } from "../../generated/prisma/client.ts";
import { decodeKeysetCursor, encodeKeysetCursor, isUuid } from "../requests/keyset-cursor.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

/** Where the next page starts: the last item's time and id. */
const encodeCursor = (notification: Pick<Notification, "createdAt" | "id">) =>
  encodeKeysetCursor([notification.createdAt.toISOString(), notification.id]);

const decodeCursor = (cursor: string) =>
  decodeKeysetCursor(cursor, ([time, id, ...rest]) => {
    const createdAt = new Date(time ?? "");
    return rest.length === 0 && isUuid(id) && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
  });

/**
 * The caller's notifications, newest first, a page at a time (keyset: stable while new ones
 * arrive), with how many are unread. Whatever the e-mail preference, every notification is here.
 */
export async function listNotifications(
  deps: { prisma: PrismaClient },
  input: { cursor?: string | undefined; limit: number; unreadOnly?: boolean | undefined },
  request: SignedInRequest,
): Promise<{ items: Notification[]; nextCursor: string | null; unread: number }> {
  const userId = request.caller.id;
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const [page, unread] = await Promise.all([
    deps.prisma.notification.findMany({
      where: {
        userId,
        ...(input.unreadOnly ? { readAt: null } : {}),
        ...(after
          ? {
              OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
            }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
    }),
    deps.prisma.notification.count({ where: { userId, readAt: null } }),
  ]);
  const items = page.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: page.length > input.limit && last ? encodeCursor(last) : null, unread };
}
listNotifications.failures = ["validation_failed"] as const;
