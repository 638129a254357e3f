import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import { AppError } from "../errors/app-error.ts";
import { ndaAccepted } from "../notifications/inquiry-notifications.ts";
import { notify } from "../notifications/notify.ts";
import { activityOrigin, type SignedInRequest } from "../requests/request-context.ts";
import { loadInquiryFor } from "./inquiry-access.ts";
import { INQUIRY_DETAILS, type InquiryDetails } from "./inquiry-details.ts";

/**
 * The buyer accepts the NDA on an accepted inquiry: the version, time and address are recorded,
 * the listing's identity is revealed to them, and they join the deal room.
 */
export async function acceptNda(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  input: { inquiryId: string; ndaVersion: string },
  request: SignedInRequest,
): Promise<InquiryDetails> {
  const { prisma, fieldCipher } = deps;
  const { caller } = request;
  const { inquiry, isBuyer } = await loadInquiryFor(prisma, input.inquiryId, caller);
  if (!isBuyer) throw new AppError("forbidden", "Only the buyer who inquired can accept the NDA.");
  if (inquiry.status !== "ACCEPTED")
    throw new AppError("invalid_transition", `The inquiry is ${inquiry.status}; the seller must accept it first.`);
  if (inquiry.ndaAcceptedAt) throw new AppError("invalid_transition", "The NDA is already accepted.");

  return prisma.$transaction(async (tx) => {
    const { count } = await tx.inquiry.updateMany({
      where: { id: inquiry.id, status: "ACCEPTED", ndaAcceptedAt: null },
      data: {
        ndaVersion: input.ndaVersion,
        ndaAcceptedAt: request.receivedAt,
        // Evidence of who accepted, for a dispute; personal data, so held encrypted.
        ndaAcceptedIp: fieldCipher.encryptOptional("inquiries.nda_accepted_ip", request.ipAddress),
      },
    });
    if (count === 0) throw new AppError("invalid_transition", "The NDA is already accepted.");
    const room = await tx.dealRoom.findUniqueOrThrow({ where: { inquiryId: inquiry.id } });
    await tx.dealRoomMember.upsert({
      where: { dealRoomId_userId: { dealRoomId: room.id, userId: caller.id } },
      create: { dealRoomId: room.id, userId: caller.id, role: "BUYER", addedById: inquiry.business.sellerId },
      update: { revokedAt: null },
    });
    await recordActivity(tx, {
      action: ActivityAction.ndaAccepted,
      userId: caller.id,
      entityType: "inquiry",
      entityId: inquiry.id,
      ...activityOrigin(request),
      metadata: { ndaVersion: input.ndaVersion, businessId: inquiry.businessId },
    });
    await notify(tx, ndaAccepted(inquiry, room.id), request.receivedAt);
    return tx.inquiry.findUniqueOrThrow({ where: { id: inquiry.id }, include: INQUIRY_DETAILS });
  });
}
acceptNda.failures = ["not_found", "forbidden", "invalid_transition"] as const;
