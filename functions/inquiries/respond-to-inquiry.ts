import type { PrismaClient } from "../../generated/prisma/client.ts";
import { openDealRoom } from "../deal-rooms/open-deal-room.ts";
import { INQUIRY_TRANSITIONS, type InquiryAction } from "../domain/inquiry-status.ts";
import { AppError } from "../errors/app-error.ts";
import { inquiryAnswered } from "../notifications/inquiry-notifications.ts";
import { notify } from "../notifications/notify.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadInquiryFor } from "./inquiry-access.ts";
import { INQUIRY_DETAILS, type InquiryDetails } from "./inquiry-details.ts";

/**
 * Moves an inquiry along its lifecycle (domain/inquiry-status.ts): the seller accepts or declines
 * it, the buyer withdraws it. Accepting opens the deal room in the same transaction.
 */
export async function respondToInquiry(
  deps: { prisma: PrismaClient },
  input: { inquiryId: string; action: InquiryAction },
  request: SignedInRequest,
): Promise<InquiryDetails> {
  const { prisma } = deps;
  const { action } = input;
  const rule = INQUIRY_TRANSITIONS[action];
  const { inquiry, isBuyer, isSeller } = await loadInquiryFor(prisma, input.inquiryId, request.caller);
  if (rule.by === "seller" ? !isSeller : !isBuyer) {
    throw new AppError("forbidden", `Only the ${rule.by} can ${action} this inquiry.`);
  }
  if (!rule.from.includes(inquiry.status)) {
    throw new AppError("invalid_transition", `A ${inquiry.status} inquiry cannot be ${rule.to.toLowerCase()}.`);
  }
  return prisma.$transaction(async (tx) => {
    // Conditional on the status we checked: of two racing responses, one wins.
    const { count } = await tx.inquiry.updateMany({
      where: { id: inquiry.id, status: inquiry.status },
      data: { status: rule.to, respondedAt: request.receivedAt },
    });
    if (count === 0) throw new AppError("invalid_transition", "The inquiry changed meanwhile; read it again.");
    if (action === "accept") await openDealRoom(tx, inquiry, inquiry.business.advisor?.userId);
    await tx.business.update({ where: { id: inquiry.businessId }, data: { lastActivityAt: request.receivedAt } });
    if (rule.to === "ACCEPTED" || rule.to === "DECLINED") {
      await notify(tx, inquiryAnswered(inquiry, rule.to), request.receivedAt);
    }
    return tx.inquiry.findUniqueOrThrow({ where: { id: inquiry.id }, include: INQUIRY_DETAILS });
  });
}
respondToInquiry.failures = ["not_found", "forbidden", "invalid_transition"] as const;
