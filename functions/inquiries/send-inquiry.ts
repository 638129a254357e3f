import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { loadBusinessFor } from "../listings/listing-access.ts";
import { inquiryReceived } from "../notifications/inquiry-notifications.ts";
import { notify } from "../notifications/notify.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { INQUIRY_DETAILS, type InquiryDetails } from "./inquiry-details.ts";

/** A buyer asks about a published listing: one live inquiry per buyer and listing. */
export async function sendInquiry(
  deps: { prisma: PrismaClient },
  input: { businessId: string; message: string },
  request: SignedInRequest,
): Promise<InquiryDetails> {
  const { prisma } = deps;
  const { caller } = request;
  if (caller.role !== "BUYER") throw new AppError("forbidden", "Only buyers can inquire about a listing.");
  const { business } = await loadBusinessFor(prisma, input.businessId, caller);
  if (business.status !== "PUBLISHED") {
    throw new AppError(
      "invalid_transition",
      `This listing is ${business.status.toLowerCase().replace("_", " ")}; it takes no inquiries.`,
    );
  }
  return prisma.$transaction(async (tx) => {
    const created = await tx.inquiry
      .create({
        data: { businessId: business.id, buyerId: caller.id, message: input.message, createdAt: request.receivedAt },
        include: INQUIRY_DETAILS,
      })
      .catch((error: { code?: string }) => {
        throw error.code === "P2002"
          ? new AppError("conflict", "You already have an inquiry about this listing.")
          : error;
      });
    await tx.business.update({ where: { id: business.id }, data: { lastActivityAt: request.receivedAt } });
    const advisor = business.advisorId
      ? await tx.advisorProfile.findUnique({ where: { id: business.advisorId }, select: { userId: true } })
      : null;
    await notify(tx, inquiryReceived({ ...created, business: { ...business, advisor } }), request.receivedAt);
    return created;
  });
}
sendInquiry.failures = ["forbidden", "not_found", "invalid_transition", "conflict"] as const;
