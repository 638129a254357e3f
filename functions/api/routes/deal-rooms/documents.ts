import { createHash, randomUUID } from "node:crypto";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, Schema } from "hono";
import type { Document } from "../../../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../../../activity/record-activity.ts";
import { AppError } from "../../../errors/app-error.ts";
import { activityOrigin } from "../../../requests/request-context.ts";
import { loadDealRoomFor, requireRole } from "../../access/deal-room-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { uuid } from "../uuid.ts";
import { DealRoomParamsSchema } from "./schemas.ts";

/** The largest document a deal room takes. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/** What a data room holds: office documents, PDFs, spreadsheets, images, plain text. */
export const ALLOWED_CONTENT_TYPES = new Set([
  "application/pdf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "text/csv",
  "text/plain",
  "image/png",
  "image/jpeg",
]);

/** The name to store and serve: no path separators or control characters, at most 255 characters. */
function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((char) => (char.charCodeAt(0) < 32 || char === "/" || char === "\\" ? "_" : char))
    .join("");
  return cleaned.slice(0, 255) || "document";
}

const DocumentSchema = z
  .object({
    id: uuid(),
    folder: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    version: z.number().int(),
    previousVersionId: uuid().nullable(),
    uploadedById: uuid(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Document");

function toDocumentResponse(document: Document): z.infer<typeof DocumentSchema> {
  return {
    id: document.id,
    folder: document.folder,
    fileName: document.fileName,
    contentType: document.contentType,
    sizeBytes: Number(document.sizeBytes),
    sha256: document.sha256,
    version: document.version,
    previousVersionId: document.previousVersionId,
    uploadedById: document.uploadedById,
    createdAt: document.createdAt.toISOString(),
  };
}

const DocumentParamsSchema = DealRoomParamsSchema.extend({
  documentId: uuid().openapi({ param: { name: "documentId", in: "path" } }),
});

const Folder = z
  .string()
  .trim()
  .max(200)
  // No default here: a new version keeps its predecessor's folder unless told otherwise.
  .regex(/^\/([\w .&()-]+\/)*$/, 'must be a path such as "/" or "/Financials/2025/"');

const list = createRoute({
  method: "get",
  path: "/deal-rooms/{id}/documents",
  tags: ["Deal room documents"],
  summary: "The room's documents (latest versions)",
  description: "Every member with current access.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: DealRoomParamsSchema, query: z.object({ folder: Folder.optional() }) },
  responses: {
    200: {
      description: "Documents by folder and name",
      content: { "application/json": { schema: z.object({ items: z.array(DocumentSchema) }) } },
    },
    ...problems(400, 401, 404),
  },
});

const upload = createRoute({
  method: "post",
  path: "/deal-rooms/{id}/documents",
  tags: ["Deal room documents"],
  summary: "Upload a document, or a new version of one",
  description:
    `The room's owner or an advisor. multipart/form-data with \`file\` (at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB; ` +
    "PDF, Office documents, CSV, text, PNG or JPEG), optional `folder`, and `replaces` (a document id) for a new version.",
  security: bearerAuth,
  // The body limit for uploads is applied in app.ts, before anything reads the body.
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: DealRoomParamsSchema,
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({
            file: z.instanceof(File, { message: "must be a file" }).openapi({ type: "string", format: "binary" }),
            folder: Folder.optional(),
            replaces: uuid().optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: "Stored", content: { "application/json": { schema: DocumentSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

const view = createRoute({
  method: "get",
  path: "/deal-rooms/{id}/documents/{documentId}",
  tags: ["Deal room documents"],
  summary: "A document's details (logged as a view)",
  description: "Every member with current access. The view is recorded in the room's access log.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: DocumentParamsSchema },
  responses: {
    200: { description: "The document", content: { "application/json": { schema: DocumentSchema } } },
    ...problems(400, 401, 404),
  },
});

const download = createRoute({
  method: "get",
  path: "/deal-rooms/{id}/documents/{documentId}/content",
  tags: ["Deal room documents"],
  summary: "Download a document (logged)",
  description: "Every member with current access. The download is recorded in the room's access log.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: DocumentParamsSchema },
  responses: {
    200: {
      description: "The file",
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
    302: { description: "Redirect to a one-minute download URL (S3 storage)" },
    ...problems(400, 401, 404),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/deal-rooms/{id}/documents/{documentId}",
  tags: ["Deal room documents"],
  summary: "Remove a document (soft delete)",
  description: "The room's owner or an advisor. The file stays in storage until retention removes it.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: DocumentParamsSchema },
  responses: { 204: { description: "Removed" }, ...problems(400, 401, 403, 404) },
});

const accessLog = createRoute({
  method: "get",
  path: "/deal-rooms/{id}/access-log",
  tags: ["Deal room documents"],
  summary: "Who viewed or downloaded which document, when",
  description: "The room's owner and advisors, and admins. Newest first; filter by document or user.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: DealRoomParamsSchema,
    query: z.object({ documentId: uuid().optional(), userId: uuid().optional() }),
  },
  responses: {
    200: {
      description: "Access events",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(
              z.object({
                action: z.enum(["document.viewed", "document.downloaded"]),
                documentId: uuid(),
                fileName: z.string().nullable(),
                user: z.object({ id: uuid().nullable(), name: z.string().nullable() }),
                ipAddress: z.string().nullable(),
                occurredAt: z.iso.datetime(),
              }),
            ),
          }),
        },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

export function registerDocumentRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const loadDocument = async (c: Context<AppEnv>, roomId: string, documentId: string) => {
    const { prisma } = c.get("deps");
    const access = await loadDealRoomFor(prisma, roomId, currentUser(c), c.var.request.receivedAt);
    const document = await prisma.document.findFirst({
      where: { id: documentId, dealRoomId: access.room.id, deletedAt: null },
    });
    if (!document) throw new AppError("not_found", "No such document in this deal room.");
    return { access, document };
  };

  return app
    .openapi(list, async (c) => {
      const { prisma } = c.get("deps");
      const access = await loadDealRoomFor(prisma, c.req.valid("param").id, currentUser(c), c.var.request.receivedAt);
      const folder = c.req.valid("query").folder;
      const documents = await prisma.document.findMany({
        // Latest versions only: a document replaced by a newer version has a live next version.
        where: {
          dealRoomId: access.room.id,
          deletedAt: null,
          ...(folder ? { folder } : {}),
          OR: [{ nextVersion: null }, { nextVersion: { deletedAt: { not: null } } }],
        },
        orderBy: [{ folder: "asc" }, { fileName: "asc" }],
      });
      return c.json({ items: documents.map(toDocumentResponse) }, 200);
    })
    .openapi(upload, async (c) => {
      const { prisma, storage } = c.get("deps");
      const user = currentUser(c);
      const access = await loadDealRoomFor(prisma, c.req.valid("param").id, user, c.var.request.receivedAt);
      requireRole(access, ["OWNER", "ADVISOR"], "upload documents");
      const { file, folder, replaces } = c.req.valid("form");
      if (file.size > MAX_DOCUMENT_BYTES)
        throw new AppError("payload_too_large", `Documents are limited to ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`);
      const contentType = file.type.split(";")[0]!.trim().toLowerCase();
      if (!ALLOWED_CONTENT_TYPES.has(contentType)) {
        throw new AppError(
          "unsupported_media_type",
          `${contentType || "This file type"} is not accepted in a deal room.`,
        );
      }
      const fileName = safeFileName(file.name);
      const previous = replaces
        ? await prisma.document.findFirst({ where: { id: replaces, dealRoomId: access.room.id, deletedAt: null } })
        : null;
      if (replaces && !previous) throw new AppError("not_found", "The document to replace is not in this deal room.");

      const bytes = new Uint8Array(await file.arrayBuffer());
      const id = randomUUID();
      const storageKey = `deal-rooms/${access.room.id}/${id}`;
      await storage.put(storageKey, bytes, contentType);
      const document = await prisma
        .$transaction(async (tx) => {
          const created = await tx.document
            .create({
              data: {
                id,
                businessId: access.room.businessId,
                dealRoomId: access.room.id,
                uploadedById: user.id,
                folder: folder ?? previous?.folder ?? "/",
                fileName,
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
          await recordActivity(tx, {
            userId: user.id,
            action: ActivityAction.documentUploaded,
            entityType: "document",
            entityId: created.id,
            ...activityOrigin(c.var.request),
            metadata: { dealRoomId: access.room.id, version: created.version },
          });
          return created;
        })
        .catch(async (error) => {
          await storage.delete(storageKey); // no orphan file when the row was not written
          throw error;
        });
      return c.json(toDocumentResponse(document), 201);
    })
    .openapi(view, async (c) => {
      const { id, documentId } = c.req.valid("param");
      const { document } = await loadDocument(c, id, documentId);
      await recordActivity(c.get("deps").prisma, {
        userId: currentUser(c).id,
        action: ActivityAction.documentViewed,
        entityType: "document",
        entityId: document.id,
        ...activityOrigin(c.var.request),
        metadata: { dealRoomId: id },
      });
      return c.json(toDocumentResponse(document), 200);
    })
    .openapi(download, async (c) => {
      const { id, documentId } = c.req.valid("param");
      const { document } = await loadDocument(c, id, documentId);
      const { storage, prisma } = c.get("deps");
      await recordActivity(prisma, {
        userId: currentUser(c).id,
        action: ActivityAction.documentDownloaded,
        entityType: "document",
        entityId: document.id,
        ...activityOrigin(c.var.request),
        metadata: { dealRoomId: id },
      });
      // S3: a one-minute presigned URL, so the file does not pass through the API (or Lambda).
      if (storage.downloadUrl) {
        const url = await storage.downloadUrl(document.storageKey, {
          fileName: document.fileName,
          contentType: document.contentType,
          expiresInSeconds: 60,
        });
        return c.redirect(url, 302);
      }
      const bytes = await storage.get(document.storageKey);
      if (!bytes) throw new AppError("not_found", "The file is missing from storage.");
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        "content-type": document.contentType,
        "content-length": String(bytes.byteLength),
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      });
    })
    .openapi(remove, async (c) => {
      const { id, documentId } = c.req.valid("param");
      const { access, document } = await loadDocument(c, id, documentId);
      requireRole(access, ["OWNER", "ADVISOR"], "remove documents");
      const { prisma } = c.get("deps");
      await prisma.$transaction(async (tx) => {
        await tx.document.update({ where: { id: document.id }, data: { deletedAt: c.var.request.receivedAt } });
        await recordActivity(tx, {
          userId: currentUser(c).id,
          action: ActivityAction.documentDeleted,
          entityType: "document",
          entityId: document.id,
          ...activityOrigin(c.var.request),
          metadata: { dealRoomId: id },
        });
      });
      return c.body(null, 204);
    })
    .openapi(accessLog, async (c) => {
      const { prisma } = c.get("deps");
      const access = await loadDealRoomFor(prisma, c.req.valid("param").id, currentUser(c), c.var.request.receivedAt);
      requireRole(access, ["OWNER", "ADVISOR"], "read the access log");
      const { documentId, userId } = c.req.valid("query");
      const events = await prisma.activityLog.findMany({
        where: {
          action: { in: [ActivityAction.documentViewed, ActivityAction.documentDownloaded] },
          entityType: "document",
          metadata: { path: ["dealRoomId"], equals: access.room.id },
          ...(documentId ? { entityId: documentId } : {}),
          ...(userId ? { userId } : {}),
        },
        include: { user: { select: { id: true, name: true } } },
        // Newest first; the id breaks ties between events of the same instant.
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        take: 1000,
      });
      const names = new Map(
        (
          await prisma.document.findMany({
            where: { dealRoomId: access.room.id },
            select: { id: true, fileName: true },
          })
        ).map((d) => [d.id, d.fileName]),
      );
      return c.json(
        {
          items: events.map((event) => ({
            action: event.action as "document.viewed" | "document.downloaded",
            documentId: event.entityId!,
            fileName: names.get(event.entityId!) ?? null,
            user: { id: event.user?.id ?? null, name: event.user?.name ?? null },
            ipAddress: event.ipAddress,
            occurredAt: event.occurredAt.toISOString(),
          })),
        },
        200,
      );
    });
}
