import type { Document, PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction } from "../activity/record-activity.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDocumentFor } from "./load-document.ts";
import { recordDocumentActivity } from "./record-document-activity.ts";

/** A member with current access reads a document's details; the view goes into the room's access log. */
export async function viewDocument(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string; documentId: string },
  request: SignedInRequest,
): Promise<Document> {
  const { document } = await loadDocumentFor(deps.prisma, input, request);
  await recordDocumentActivity(deps.prisma, ActivityAction.documentViewed, document, input.dealRoomId, request);
  return document;
}
viewDocument.failures = ["not_found"] as const;
