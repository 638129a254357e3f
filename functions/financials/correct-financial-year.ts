import type { BusinessFinancial, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { expectedVersion } from "../listings/expected-version.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { duplicateYearAsConflict, type FinancialYearFields, toFinancialData } from "./financial-fields.ts";
import { loadFinancialYearForWrite } from "./load-financial-year.ts";

/**
 * The listing's seller or advisor (or an admin) replaces a year's figures, based on the version
 * they read (`ifMatch`: the figures' ETag, their last update time): of two corrections from the
 * same figures, one wins.
 */
export async function correctFinancialYear(
  deps: { prisma: PrismaClient },
  input: { businessId: string; financialId: string; ifMatch: string | undefined; figures: FinancialYearFields },
  request: SignedInRequest,
): Promise<BusinessFinancial> {
  const { prisma } = deps;
  const existing = await loadFinancialYearForWrite(prisma, input, request.caller);
  const basedOn = expectedVersion(input.ifMatch);
  const { count } = await prisma.businessFinancial
    .updateMany({
      where: { id: existing.id, updatedAt: new Date(basedOn) },
      data: { enteredById: request.caller.id, ...toFinancialData(input.figures) },
    })
    .catch((error: { code?: string }) => {
      throw duplicateYearAsConflict(error, input.figures.financialYearEnd);
    });
  if (count === 0) throw new AppError("version_conflict", "These figures changed since you read them.");
  return prisma.businessFinancial.findUniqueOrThrow({ where: { id: existing.id } });
}
correctFinancialYear.failures = [
  "not_found",
  "forbidden",
  "conflict",
  "precondition_required",
  "bad_request",
  "version_conflict",
] as const;
