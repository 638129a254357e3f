import type { PrismaClient } from "../../generated/prisma/client.ts";
import { loadBusinessForFinancials } from "../listings/listing-access.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { VALUATION_DETAILS, type ValuationDetails } from "./valuation-details.ts";

/** A listing's valuations, newest first, for whoever may read its financials (NDA required). */
export async function listValuations(
  deps: { prisma: PrismaClient },
  input: { businessId: string },
  request: SignedInRequest,
): Promise<ValuationDetails[]> {
  const { business } = await loadBusinessForFinancials(deps.prisma, input.businessId, request.caller, "read");
  return deps.prisma.valuation.findMany({
    where: { businessId: business.id, deletedAt: null },
    include: VALUATION_DETAILS,
    orderBy: { createdAt: "desc" },
  });
}
listValuations.failures = ["not_found", "forbidden"] as const;
