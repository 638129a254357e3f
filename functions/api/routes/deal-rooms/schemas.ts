import { z } from "@hono/zod-openapi";
import type { Document } from "../../../../generated/prisma/client.ts";
import { DealRoomRole, DealRoomStatus, DealStage } from "../../../../generated/prisma/enums.ts";
import type { DealRoomDetails } from "../../../deal-rooms/deal-room-details.ts";
import type { QuestionDetails } from "../../../deal-rooms/question-details.ts";
import { uuid } from "../uuid.ts";

export const DealRoomParamsSchema = z.object({ id: uuid().openapi({ param: { name: "id", in: "path" } }) });

export const DocumentParamsSchema = DealRoomParamsSchema.extend({
  documentId: uuid().openapi({ param: { name: "documentId", in: "path" } }),
});

export const MemberSchema = z
  .object({
    userId: uuid(),
    name: z.string(),
    role: z.enum(DealRoomRole),
    accessExpiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi("DealRoomMember");

export const DealRoomSchema = z
  .object({
    id: uuid(),
    businessId: uuid(),
    name: z.string(),
    status: z.enum(DealRoomStatus),
    stage: z.enum(DealStage),
    myRole: z.enum(DealRoomRole),
    members: z.array(MemberSchema),
    createdAt: z.iso.datetime(),
  })
  .openapi("DealRoom");

export function toDealRoomResponse({ room, myRole, members }: DealRoomDetails): z.infer<typeof DealRoomSchema> {
  return {
    id: room.id,
    businessId: room.businessId,
    name: room.name,
    status: room.status,
    stage: room.stage,
    myRole,
    members: members.map((member) => ({
      userId: member.userId,
      name: member.user.name,
      role: member.role,
      accessExpiresAt: member.accessExpiresAt?.toISOString() ?? null,
      revokedAt: member.revokedAt?.toISOString() ?? null,
    })),
    createdAt: room.createdAt.toISOString(),
  };
}

export const DocumentSchema = z
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

export function toDocumentResponse(document: Document): z.infer<typeof DocumentSchema> {
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

/** A folder path such as "/" or "/Financials/2025/". */
export const FolderSchema = z
  .string()
  .trim()
  .max(200)
  // No default here: a new version keeps its predecessor's folder unless told otherwise.
  .regex(/^\/([\w .&()-]+\/)*$/, 'must be a path such as "/" or "/Financials/2025/"');

export const QuestionSchema = z
  .object({
    id: uuid(),
    documentId: uuid().nullable(),
    askedBy: z.object({ id: uuid(), name: z.string() }),
    body: z.string(),
    answer: z.string().nullable(),
    answeredBy: z.object({ id: uuid(), name: z.string() }).nullable(),
    answeredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("DealRoomQuestion");

export const toQuestionResponse = (row: QuestionDetails): z.infer<typeof QuestionSchema> => ({
  id: row.id,
  documentId: row.documentId,
  askedBy: row.askedBy,
  body: row.body,
  answer: row.answer,
  answeredBy: row.answeredBy,
  answeredAt: row.answeredAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});
