import type { Document, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { type DealRoomAccess, loadDealRoomFor } from "./deal-room-access.ts";

/** A live document of a room (not deleted), or not_found. */
export async function loadDocumentIn(prisma: PrismaClient, dealRoomId: string, documentId: string): Promise<Document> {
  const document = await prisma.document.findFirst({ where: { id: documentId, dealRoomId, deletedAt: null } });
  if (!document) throw new AppError("not_found", "No such document in this deal room.");
  return document;
}

/** The caller's access to a room and one of its documents: not_found unless both are there for them. */
export async function loadDocumentFor(
  prisma: PrismaClient,
  input: { dealRoomId: string; documentId: string },
  request: SignedInRequest,
): Promise<{ access: DealRoomAccess; document: Document }> {
  const access = await loadDealRoomFor(prisma, input.dealRoomId, request.caller, request.receivedAt);
  return { access, document: await loadDocumentIn(prisma, access.room.id, input.documentId) };
}
