import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { InquiryStatus } from "../../generated/prisma/enums.ts";
import type { Caller, SignedInRequest } from "../requests/request-context.ts";
import { INQUIRY_DETAILS, type InquiryDetails } from "./inquiry-details.ts";

/** The most inquiries one list returns. */
const LIST_LIMIT = 200;

/** Whose inquiries a caller sees: buyers theirs, sellers and advisors their listings', admins all. */
function visibleTo(caller: Caller) {
  switch (caller.role) {
    case "ADMIN":
      return {};
    case "BUYER":
      return { buyerId: caller.id };
    case "SELLER":
      return { business: { sellerId: caller.id, deletedAt: null } };
    case "ADVISOR":
      return { business: { advisor: { userId: caller.id }, deletedAt: null } };
  }
}

/** The caller's inquiries, newest first. */
export async function listInquiries(
  deps: { prisma: PrismaClient },
  input: { status?: InquiryStatus | undefined },
  request: SignedInRequest,
): Promise<InquiryDetails[]> {
  return deps.prisma.inquiry.findMany({
    where: { ...visibleTo(request.caller), deletedAt: null, ...(input.status ? { status: input.status } : {}) },
    include: INQUIRY_DETAILS,
    orderBy: { createdAt: "desc" },
    take: LIST_LIMIT,
  });
}
listInquiries.failures = [] as const;
