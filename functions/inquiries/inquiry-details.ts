import type { Prisma } from "../../generated/prisma/client.ts";

/** What an inquiry is shown with: its buyer and, once accepted, its deal room. */
export const INQUIRY_DETAILS = {
  buyer: { select: { id: true, name: true, email: true } },
  dealRoom: { select: { id: true } },
} as const satisfies Prisma.InquiryInclude;

export type InquiryDetails = Prisma.InquiryGetPayload<{ include: typeof INQUIRY_DETAILS }>;
