import type { BusinessFinancial, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { loadBusinessForFinancials } from "../listings/listing-access.ts";
import type { Caller } from "../requests/request-context.ts";

/** A live financial year of a listing whose figures the caller may change, or not_found/forbidden. */
export async function loadFinancialYearForWrite(
  prisma: PrismaClient,
  input: { businessId: string; financialId: string },
  caller: Caller,
): Promise<BusinessFinancial> {
  const { business } = await loadBusinessForFinancials(prisma, input.businessId, caller, "write");
  const year = await prisma.businessFinancial.findFirst({
    where: { id: input.financialId, businessId: business.id, deletedAt: null },
  });
  if (!year) throw new AppError("not_found", "No such financial year on this listing.");
  return year;
}
