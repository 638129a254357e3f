import { createHash, randomUUID } from "node:crypto";
import type { Document, PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction } from "../activity/record-activity.ts";
import { AppError } from "../errors/app-error.ts";
import { documentAdded } from "../notifications/deal-room-notifications.ts";
import { notify } from "../notifications/notify.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { loadDealRoomFor, requireRole } from "./deal-room-access.ts";
import { ALLOWED_CONTENT_TYPES, bareContentType, MAX_DOCUMENT_BYTES, safeFileName } from "./document-rules.ts";
import { pausedSince } from "./exclusivity-pause.ts";
import { loadDocumentIn } from "./load-document.ts";
import { recordDocumentActivity } from "./record-document-activity.ts";

/** A file as it arrived: its name and type as the uploader's browser gave them. */
export interface UploadedFile {
  name: string;
  type: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * The room's owner or an advisor stores a document, or a new version of one (`replaces`). The
 * file goes to storage first and its row after; if the row is not written, the file is removed.
 */
export async function uploadDocument(
  deps: { prisma: PrismaClient; storage: ObjectStorage },
  input: { dealRoomId: string; file: UploadedFile; folder?: string | undefined; replaces?: string | undefined },
  request: SignedInRequest,
): Promise<Document> {
  const { prisma, storage } = deps;
  const { caller } = request;
  const { file, folder, replaces } = input;
  const access = await loadDealRoomFor(prisma, input.dealRoomId, caller, request.receivedAt);
  requireRole(access, ["OWNER", "ADVISOR"], "upload documents");
  if (file.size > MAX_DOCUMENT_BYTES)
    throw new AppError("payload_too_large", `Documents are limited to ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`);
  const contentType = bareContentType(file.type);
  if (!ALLOWED_CONTENT_TYPES.has(contentType)) {
    throw new AppError("unsupported_media_type", `${contentType || "This file type"} is not accepted in a deal room.`);
  }
  const previous = replaces
    ? await loadDocumentIn(prisma, access.room.id, replaces).catch(() => {
        throw new AppError("not_found", "The document to replace is not in this deal room.");
      })
    : null;

  const bytes = new Uint8Array(await file.arrayBuffer());
  const id = randomUUID();
  const storageKey = `deal-rooms/${access.room.id}/${id}`;
  await storage.put(storageKey, bytes, contentType);
  return prisma
    .$transaction(async (tx) => {
      const created = await tx.document
        .create({
          data: {
            id,
            businessId: access.room.businessId,
            dealRoomId: access.room.id,
            uploadedById: caller.id,
            folder: folder ?? previous?.folder ?? "/",
            fileName: safeFileName(file.name),
            contentType,
            sizeBytes: BigInt(bytes.byteLength),
            sha256: createHash("sha256").update(bytes).digest("hex"),
            storageKey,
            version: (previous?.version ?? 0) + 1,
            previousVersionId: previous?.id ?? null,
          },
        })
        .catch((error: { code?: string }) => {
          // previous_version_id is unique: two uploads replacing the same version race; one wins.
          throw error.code === "P2002"
            ? new AppError("conflict", "That version was already replaced; list the documents again.")
            : error;
        });
      await recordDocumentActivity(tx, ActivityAction.documentUploaded, created, access.room.id, request);
      // A buyer's side paused by another buyer's exclusivity is not told (pausedSince: BUYER's view).
      const paused = (await pausedSince(tx, access.room, "BUYER")) !== null;
      const told = await documentAdded(tx, access.room, created, request.receivedAt, { paused });
      await notify(tx, told, request.receivedAt);
      return created;
    })
    .catch(async (error) => {
      await storage.delete(storageKey); // no orphan file when the row was not written
      throw error;
    });
}
uploadDocument.failures = [
  "not_found",
  "forbidden",
  "payload_too_large",
  "unsupported_media_type",
  "conflict",
] as const;
