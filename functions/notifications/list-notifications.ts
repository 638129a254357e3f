import type { Notification, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

/** Where the next page starts: the last item's time and id, opaque to clients. */
function encodeCursor(notification: Pick<Notification, "createdAt" | "id">): string {
  return Buffer.from(`${notification.createdAt.toISOString()}|${notification.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [time, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(time ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError("validation_failed", "The cursor is not one this API gave out.", {
      fields: [{ field: "cursor", message: "not a cursor from a previous page" }],
    });
  }
  return { createdAt, id };
}

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
