import type { Document, PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction } from "../activity/record-activity.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { refuseWhilePaused } from "./exclusivity-pause.ts";
import { loadDocumentFor } from "./load-document.ts";
import { recordDocumentActivity } from "./record-document-activity.ts";

/**
 * A member with current access reads a document's details; the view goes into the room's access log.
 * Paused for a buyer's side while the seller is exclusive with another buyer.
 */
export async function viewDocument(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string; documentId: string },
  request: SignedInRequest,
): Promise<Document> {
  const { access, document } = await loadDocumentFor(deps.prisma, input, request);
  await refuseWhilePaused(deps.prisma, access);
  await recordDocumentActivity(deps.prisma, ActivityAction.documentViewed, document, input.dealRoomId, request);
  return document;
}
viewDocument.failures = ["not_found", "deal_room_paused"] as const;
