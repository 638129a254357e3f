import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { dbUtils } from "../db/soft-delete.ts";
import { activityOrigin, type SignedInRequest } from "../requests/request-context.ts";
import { requireRole } from "./deal-room-access.ts";
import { loadDocumentFor } from "./load-document.ts";

/**
 * The room's owner or an advisor removes a document: a soft delete, so the file stays in storage
 * until retention removes it.
 */
export async function removeDocument(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string; documentId: string },
  request: SignedInRequest,
): Promise<void> {
  const { prisma } = deps;
  const { access, document } = await loadDocumentFor(prisma, input, request);
  requireRole(access, ["OWNER", "ADVISOR"], "remove documents");
  await prisma.$transaction(async (tx) => {
    await dbUtils.softDelete(tx, "Document", document.id, request.receivedAt);
    await recordActivity(tx, {
      userId: request.caller.id,
      action: ActivityAction.documentDeleted,
      entityType: "document",
      entityId: document.id,
      ...activityOrigin(request),
      metadata: { dealRoomId: input.dealRoomId },
    });
  });
}
removeDocument.failures = ["not_found", "forbidden"] as const;
