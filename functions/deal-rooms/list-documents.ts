import type { Document, PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealRoomFor } from "./deal-room-access.ts";
import { pausedSince } from "./exclusivity-pause.ts";

/**
 * The latest versions of a room's documents, by folder and name, for members with current access;
 * to a paused buyer's side (exclusivity with another buyer), none added since the pause began.
 */
export async function listDocuments(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string; folder?: string | undefined },
  request: SignedInRequest,
): Promise<Document[]> {
  const access = await loadDealRoomFor(deps.prisma, input.dealRoomId, request.caller, request.receivedAt);
  const paused = await pausedSince(deps.prisma, access.room, access.role);
  return deps.prisma.document.findMany({
    // Latest versions only: a document replaced by a newer version has a live next version.
    where: {
      dealRoomId: access.room.id,
      deletedAt: null,
      ...(input.folder ? { folder: input.folder } : {}),
      // Paused: nothing added since exclusivity with another buyer began.
      ...(paused ? { createdAt: { lt: paused } } : {}),
      OR: [{ nextVersion: null }, { nextVersion: { deletedAt: { not: null } } }],
    },
    orderBy: [{ folder: "asc" }, { fileName: "asc" }],
  });
}
listDocuments.failures = ["not_found"] as const;
