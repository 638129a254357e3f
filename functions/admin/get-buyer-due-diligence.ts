import type { BuyerDueDiligence, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadUser } from "./load-user.ts";

/** A buyer's due diligence record, for admins; 404 when none is recorded. */
export async function getBuyerDueDiligence(
  deps: { prisma: PrismaClient },
  input: { userId: string },
  _request: SignedInRequest,
): Promise<BuyerDueDiligence> {
  const user = await loadUser(deps.prisma, input.userId);
  const record = await deps.prisma.buyerDueDiligence.findUnique({ where: { buyerId: user.id } });
  if (!record) throw new AppError("not_found", "No due diligence is recorded for this buyer.");
  return record;
}
getBuyerDueDiligence.failures = ["not_found"] as const;
