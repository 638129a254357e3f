import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { requireBuyer } from "./require-buyer.ts";

/** A buyer deletes their acquisition criteria, which stops matching (soft: saving again restores it). */
export async function deleteBuyerProfile(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
): Promise<void> {
  requireBuyer(request.caller);
  const { count } = await deps.prisma.buyerProfile.updateMany({
    where: { userId: request.caller.id, deletedAt: null },
    data: { deletedAt: request.receivedAt },
  });
  if (count === 0) throw new AppError("not_found", "No buyer profile to delete.");
}
deleteBuyerProfile.failures = ["forbidden", "not_found"] as const;
