import type { PrismaClient } from "../../generated/prisma/client.ts";
import { dbUtils } from "../db/soft-delete.ts";
import { AppError } from "../errors/app-error.ts";
import { loadBusinessForFinancials } from "../listings/listing-access.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

/** A valuation's author (or an admin) withdraws it: a soft delete. */
export async function withdrawValuation(
  deps: { prisma: PrismaClient },
  input: { businessId: string; valuationId: string },
  request: SignedInRequest,
): Promise<void> {
  const { prisma } = deps;
  const { caller } = request;
  const { business } = await loadBusinessForFinancials(prisma, input.businessId, caller, "read");
  const valuation = await prisma.valuation.findFirst({
    where: { id: input.valuationId, businessId: business.id, deletedAt: null },
  });
  if (!valuation) throw new AppError("not_found", "No such valuation on this listing.");
  if (valuation.createdById !== caller.id && caller.role !== "ADMIN")
    throw new AppError("forbidden", "Only its author can withdraw a valuation.");
  await dbUtils.softDelete(prisma, "Valuation", valuation.id, request.receivedAt);
}
withdrawValuation.failures = ["not_found", "forbidden"] as const;
