import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction } from "../activity/record-activity.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealRoomFor, requireRole } from "./deal-room-access.ts";

/** The most events one read returns; the export (export-access-log.ts) has no limit. */
const READ_LIMIT = 1000;

export interface AccessEvent {
  action: "document.viewed" | "document.downloaded";
  documentId: string;
  fileName: string | null;
  user: { id: string | null; name: string | null };
  ipAddress: string | null;
  occurredAt: Date;
}

/**
 * Who viewed or downloaded which of a room's documents, newest first: for the room's owner and
 * advisors, and admins. Filter by document or by person.
 */
export async function readAccessLog(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string; documentId?: string | undefined; userId?: string | undefined },
  request: SignedInRequest,
): Promise<AccessEvent[]> {
  const { prisma } = deps;
  const access = await loadDealRoomFor(prisma, input.dealRoomId, request.caller, request.receivedAt);
  requireRole(access, ["OWNER", "ADVISOR"], "read the access log");
  const events = await prisma.activityLog.findMany({
    where: {
      action: { in: [ActivityAction.documentViewed, ActivityAction.documentDownloaded] },
      entityType: "document",
      metadata: { path: ["dealRoomId"], equals: access.room.id },
      ...(input.documentId ? { entityId: input.documentId } : {}),
      ...(input.userId ? { userId: input.userId } : {}),
    },
    include: { user: { select: { id: true, name: true } } },
    // Newest first; the id breaks ties between events of the same instant.
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: READ_LIMIT,
  });
  const documents = await prisma.document.findMany({
    where: { dealRoomId: access.room.id },
    select: { id: true, fileName: true },
  });
  const names = new Map(documents.map((document) => [document.id, document.fileName]));
  return events.map((event) => ({
    action: event.action as AccessEvent["action"],
    documentId: event.entityId!,
    fileName: names.get(event.entityId!) ?? null,
    user: { id: event.user?.id ?? null, name: event.user?.name ?? null },
    ipAddress: event.ipAddress,
    occurredAt: event.occurredAt,
  }));
}
readAccessLog.failures = ["not_found", "forbidden"] as const;
