import { z } from "@hono/zod-openapi";
import { InquiryStatus } from "../../../../generated/prisma/enums.ts";
import type { InquiryDetails } from "../../../inquiries/inquiry-details.ts";
import { uuid } from "../uuid.ts";

export const InquirySchema = z
  .object({
    id: uuid(),
    businessId: uuid(),
    buyer: z.object({ id: uuid(), name: z.string(), email: z.string() }),
    message: z.string(),
    status: z.enum(InquiryStatus),
    respondedAt: z.iso.datetime().nullable(),
    nda: z
      .object({ version: z.string(), acceptedAt: z.iso.datetime() })
      .nullable()
      .openapi({ description: "Set once the buyer accepted the NDA" }),
    dealRoomId: uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Inquiry");

export function toInquiryResponse(inquiry: InquiryDetails): z.infer<typeof InquirySchema> {
  return {
    id: inquiry.id,
    businessId: inquiry.businessId,
    buyer: { id: inquiry.buyer.id, name: inquiry.buyer.name, email: inquiry.buyer.email },
    message: inquiry.message,
    status: inquiry.status,
    respondedAt: inquiry.respondedAt?.toISOString() ?? null,
    nda:
      inquiry.ndaVersion && inquiry.ndaAcceptedAt
        ? { version: inquiry.ndaVersion, acceptedAt: inquiry.ndaAcceptedAt.toISOString() }
        : null,
    dealRoomId: inquiry.dealRoom?.id ?? null,
    createdAt: inquiry.createdAt.toISOString(),
  };
}

export const InquiryIdParamSchema = z.object({ id: uuid().openapi({ param: { name: "id", in: "path" } }) });
