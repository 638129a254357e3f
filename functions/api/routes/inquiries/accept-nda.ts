import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { ActivityAction, recordActivity } from "../../../activity/record-activity.ts";
import { CURRENT_NDA_VERSION } from "../../../domain/inquiry-status.ts";
import { AppError } from "../../../errors/app-error.ts";
import { activityOrigin } from "../../../requests/request-context.ts";
import { loadInquiryFor } from "../../access/inquiry-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { clientAddress } from "../../client-address.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { INQUIRY_INCLUDE, InquiryIdParamSchema, InquirySchema, toInquiryResponse } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/inquiries/{id}/nda",
  tags: ["Inquiries"],
  summary: "Accept the NDA",
  description:
    `The buyer accepts the NDA (current version ${CURRENT_NDA_VERSION}) on an accepted inquiry. Records the version, ` +
    "time and IP address, reveals the listing's identity to the buyer and admits them to the deal room.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: InquiryIdParamSchema,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            ndaVersion: z.literal(CURRENT_NDA_VERSION, {
              error: `must be the current NDA version, ${CURRENT_NDA_VERSION}`,
            }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: "NDA accepted", content: { "application/json": { schema: InquirySchema } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

export function registerAcceptNda<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma, fieldCipher } = c.get("deps");
    const user = currentUser(c);
    const { inquiry, isBuyer } = await loadInquiryFor(prisma, c.req.valid("param").id, user);
    if (!isBuyer) throw new AppError("forbidden", "Only the buyer who inquired can accept the NDA.");
    if (inquiry.status !== "ACCEPTED")
      throw new AppError("invalid_transition", `The inquiry is ${inquiry.status}; the seller must accept it first.`);
    if (inquiry.ndaAcceptedAt) throw new AppError("invalid_transition", "The NDA is already accepted.");

    const updated = await prisma.$transaction(async (tx) => {
      const { count } = await tx.inquiry.updateMany({
        where: { id: inquiry.id, status: "ACCEPTED", ndaAcceptedAt: null },
        data: {
          ndaVersion: c.req.valid("json").ndaVersion,
          ndaAcceptedAt: c.var.request.receivedAt,
          // Evidence of who accepted, for a dispute; personal data, so held encrypted.
          ndaAcceptedIp: fieldCipher.encryptOptional("inquiries.nda_accepted_ip", clientAddress(c)),
        },
      });
      if (count === 0) throw new AppError("invalid_transition", "The NDA is already accepted.");
      const room = await tx.dealRoom.findUniqueOrThrow({ where: { inquiryId: inquiry.id } });
      await tx.dealRoomMember.upsert({
        where: { dealRoomId_userId: { dealRoomId: room.id, userId: user.id } },
        create: { dealRoomId: room.id, userId: user.id, role: "BUYER", addedById: inquiry.business.sellerId },
        update: { revokedAt: null },
      });
      await recordActivity(tx, {
        action: ActivityAction.ndaAccepted,
        userId: user.id,
        entityType: "inquiry",
        entityId: inquiry.id,
        ...activityOrigin(c.var.request),
        metadata: { ndaVersion: c.req.valid("json").ndaVersion, businessId: inquiry.businessId },
      });
      return tx.inquiry.findUniqueOrThrow({ where: { id: inquiry.id }, include: INQUIRY_INCLUDE });
    });
    return c.json(toInquiryResponse(updated), 200);
  });
}
