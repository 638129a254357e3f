import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { activityOrigin, type SignedInRequest } from "../requests/request-context.ts";

type DocumentAction =
  | typeof ActivityAction.documentViewed
  | typeof ActivityAction.documentDownloaded
  | typeof ActivityAction.documentUploaded
  | typeof ActivityAction.documentDeleted;

/**
 * Records what the caller did with a room's document in the activity log: the room's access log
 * (read-access-log.ts, export-access-log.ts) is read from these entries.
 */
export function recordDocumentActivity(
  prisma: PrismaClient | Prisma.TransactionClient,
  action: DocumentAction,
  document: { id: string; version: number },
  dealRoomId: string,
  request: SignedInRequest,
) {
  return recordActivity(prisma, {
    userId: request.caller.id,
    action,
    entityType: "document",
    entityId: document.id,
    ...activityOrigin(request),
    metadata: {
      dealRoomId,
      ...(action === ActivityAction.documentUploaded ? { version: document.version } : {}),
    },
  });
}
