import { z } from "@hono/zod-openapi";
import { uuid } from "../uuid.ts";

export const ROLES = ["OWNER", "BUYER", "ADVISOR", "VIEWER"] as const;

export const DealRoomParamsSchema = z.object({ id: uuid().openapi({ param: { name: "id", in: "path" } }) });

export const MemberSchema = z
  .object({
    userId: uuid(),
    name: z.string(),
    role: z.enum(ROLES),
    accessExpiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi("DealRoomMember");

export const DealRoomSchema = z
  .object({
    id: uuid(),
    businessId: uuid(),
    name: z.string(),
    status: z.enum(["OPEN", "CLOSED"]),
    stage: z.enum(["NDA_SIGNED", "INFORMATION_MEMORANDUM", "DUE_DILIGENCE", "OFFER", "COMPLETION"]),
    myRole: z.enum(ROLES),
    members: z.array(MemberSchema),
    createdAt: z.iso.datetime(),
  })
  .openapi("DealRoom");
