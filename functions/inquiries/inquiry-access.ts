import type { Business, Inquiry, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { Caller } from "../requests/request-context.ts";

export interface InquiryAccess {
  inquiry: Inquiry & { business: Business & { advisor: { userId: string } | null } };
  isBuyer: boolean;
  /** The listing's seller, or an admin acting for them. */
  isSeller: boolean;
}

/**
 * An inquiry is visible to the buyer who sent it, the listing's seller and advisor, and admins;
 * to anyone else it does not exist (404).
 */
export async function loadInquiryFor(prisma: PrismaClient, id: string, user: Caller): Promise<InquiryAccess> {
  const inquiry = await prisma.inquiry.findFirst({
    where: { id, deletedAt: null, business: { deletedAt: null } },
    include: { business: { include: { advisor: { select: { userId: true } } } } },
  });
  if (!inquiry) throw new AppError("not_found", "No such inquiry.");
  const isBuyer = inquiry.buyerId === user.id;
  const isSeller = inquiry.business.sellerId === user.id || user.role === "ADMIN";
  const isAdvisor = inquiry.business.advisor?.userId === user.id;
  if (!isBuyer && !isSeller && !isAdvisor) throw new AppError("not_found", "No such inquiry.");
  return { inquiry, isBuyer, isSeller };
}
