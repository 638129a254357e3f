import type { Document, PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction } from "../activity/record-activity.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { refuseWhilePaused } from "./exclusivity-pause.ts";
import { loadDocumentFor } from "./load-document.ts";
import { recordDocumentActivity } from "./record-document-activity.ts";

/** How long a download link from storage works. */
const DOWNLOAD_LINK_SECONDS = 60;

/** A download: a short-lived link to the file in storage (S3), or the bytes themselves (local disk). */
export type DocumentDownload = { document: Document; url: string } | { document: Document; bytes: Uint8Array };

/**
 * A member with current access downloads a document; the download goes into the room's access log.
 * Paused for a buyer's side while the seller is exclusive with another buyer.
 */
export async function downloadDocument(
  deps: { prisma: PrismaClient; storage: ObjectStorage },
  input: { dealRoomId: string; documentId: string },
  request: SignedInRequest,
): Promise<DocumentDownload> {
  const { prisma, storage } = deps;
  const { access, document } = await loadDocumentFor(prisma, input, request);
  await refuseWhilePaused(prisma, access);
  await recordDocumentActivity(prisma, ActivityAction.documentDownloaded, document, input.dealRoomId, request);
  // S3: a presigned URL, so the file does not pass through the API (or Lambda).
  if (storage.downloadUrl) {
    const url = await storage.downloadUrl(document.storageKey, {
      fileName: document.fileName,
      contentType: document.contentType,
      expiresInSeconds: DOWNLOAD_LINK_SECONDS,
    });
    return { document, url };
  }
  const bytes = await storage.get(document.storageKey);
  if (!bytes) throw new AppError("not_found", "The file is missing from storage.");
  return { document, bytes };
}
downloadDocument.failures = ["not_found", "deal_room_paused"] as const;
