import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction } from "../activity/record-activity.ts";
import { dbUtils } from "../db/soft-delete.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { requireRole } from "./deal-room-access.ts";
import { loadDocumentFor } from "./load-document.ts";
import { recordDocumentActivity } from "./record-document-activity.ts";

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
    await recordDocumentActivity(tx, ActivityAction.documentDeleted, document, input.dealRoomId, request);
  });
}
removeDocument.failures = ["not_found", "forbidden"] as const;
