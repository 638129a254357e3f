import type { Document, PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { activityOrigin, type SignedInRequest } from "../requests/request-context.ts";
import { loadDocumentFor } from "./load-document.ts";

/** A member with current access reads a document's details; the view goes into the room's access log. */
export async function viewDocument(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string; documentId: string },
  request: SignedInRequest,
): Promise<Document> {
  const { document } = await loadDocumentFor(deps.prisma, input, request);
  await recordActivity(deps.prisma, {
    userId: request.caller.id,
    action: ActivityAction.documentViewed,
    entityType: "document",
    entityId: document.id,
    ...activityOrigin(request),
    metadata: { dealRoomId: input.dealRoomId },
  });
  return document;
}
viewDocument.failures = ["not_found"] as const;
