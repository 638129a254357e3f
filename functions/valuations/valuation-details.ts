import type { Prisma } from "../../generated/prisma/client.ts";

/** What a valuation is shown with: who made it. */
export const VALUATION_DETAILS = { createdBy: { select: { id: true, name: true, role: true } } } as const;

export type ValuationDetails = Prisma.ValuationGetPayload<{ include: typeof VALUATION_DETAILS }>;
