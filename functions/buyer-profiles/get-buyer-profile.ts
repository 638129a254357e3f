import type { BuyerProfile, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { requireBuyer } from "./require-buyer.ts";

/** A buyer's own acquisition criteria. */
export async function getBuyerProfile(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
): Promise<BuyerProfile> {
  requireBuyer(request.caller);
  const profile = await deps.prisma.buyerProfile.findFirst({ where: { userId: request.caller.id, deletedAt: null } });
  if (!profile) throw new AppError("not_found", "No buyer profile yet; save one with PUT /me/buyer-profile.");
  return profile;
}
getBuyerProfile.failures = ["forbidden", "not_found"] as const;
