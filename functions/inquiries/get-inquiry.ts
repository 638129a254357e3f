import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadInquiryFor } from "./inquiry-access.ts";
import { INQUIRY_DETAILS, type InquiryDetails } from "./inquiry-details.ts";

/** One inquiry, for its buyer, the listing's seller and advisor, and admins. */
export async function getInquiry(
  deps: { prisma: PrismaClient },
  input: { inquiryId: string },
  request: SignedInRequest,
): Promise<InquiryDetails> {
  const { inquiry } = await loadInquiryFor(deps.prisma, input.inquiryId, request.caller);
  return deps.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id }, include: INQUIRY_DETAILS });
}
getInquiry.failures = ["not_found"] as const;
