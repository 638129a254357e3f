import type { BusinessFinancial, PrismaClient } from "../../generated/prisma/client.ts";
import { loadBusinessForFinancials } from "../listings/listing-access.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

/**
 * A listing's figures, newest year first: for its seller and advisor, admins, and buyers who
 * accepted its NDA.
 */
export async function listFinancials(
  deps: { prisma: PrismaClient },
  input: { businessId: string },
  request: SignedInRequest,
): Promise<BusinessFinancial[]> {
  const { business } = await loadBusinessForFinancials(deps.prisma, input.businessId, request.caller, "read");
  return deps.prisma.businessFinancial.findMany({
    where: { businessId: business.id, deletedAt: null },
    orderBy: { financialYearEnd: "desc" },
  });
}
listFinancials.failures = ["not_found", "forbidden"] as const;
