import type { BusinessFinancial, PrismaClient } from "../../generated/prisma/client.ts";
import { loadBusinessForFinancials } from "../listings/listing-access.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { duplicateYearAsConflict, type FinancialYearFields, toFinancialData } from "./financial-fields.ts";

/** The listing's seller or advisor (or an admin) adds a financial year: one entry per year. */
export async function addFinancialYear(
  deps: { prisma: PrismaClient },
  input: { businessId: string; figures: FinancialYearFields },
  request: SignedInRequest,
): Promise<BusinessFinancial> {
  const { business } = await loadBusinessForFinancials(deps.prisma, input.businessId, request.caller, "write");
  return deps.prisma.businessFinancial
    .create({ data: { businessId: business.id, enteredById: request.caller.id, ...toFinancialData(input.figures) } })
    .catch((error: { code?: string }) => {
      throw duplicateYearAsConflict(error, input.figures.financialYearEnd);
    });
}
addFinancialYear.failures = ["not_found", "forbidden", "conflict"] as const;
