import type { PrismaClient } from "../../generated/prisma/client.ts";
import { dealActionRefusal } from "../domain/deal-status.ts";
import { AppError } from "../errors/app-error.ts";
import { lockListing } from "../listings/lock-listing.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealFor, sideOf } from "./deal-access.ts";
import type { DealDetails } from "./deal-details.ts";
import { endDeal } from "./end-deal.ts";
import { readDealDetails } from "./read-deal-details.ts";

/**
 * Either side (the advisor for the seller) says the deal has fallen through, with a reason, at any
 * point before it completes: exclusivity ends and the listing is back on the market.
 */
export async function fallThrough(
  deps: { prisma: PrismaClient },
  input: { dealId: string; reason: string },
  request: SignedInRequest,
): Promise<DealDetails> {
  const { prisma } = deps;
  const now = request.receivedAt;
  const { deal, role } = await loadDealFor(prisma, input.dealId, request.caller);
  const side = sideOf(role);
  if (!side) throw new AppError("forbidden", "Only the buyer and the seller's side can end a deal.");
  const refused = dealActionRefusal(deal.status, "FALL_THROUGH", side);
  if (refused) throw new AppError("invalid_transition", refused);
  const reason = input.reason.trim();
  return prisma.$transaction(async (tx) => {
    await lockListing(tx, deal.businessId);
    const current = await tx.deal.findUniqueOrThrow({ where: { id: deal.id }, select: { status: true } });
    const stillRefused = dealActionRefusal(current.status, "FALL_THROUGH", side);
    if (stillRefused) throw new AppError("invalid_transition", stillRefused);
    const who = side === "BUYER" ? "the buyer" : "the seller's side";
    await endDeal(
      tx,
      deal,
      {
        reason,
        byId: request.caller.id,
        exclusivityEnd: side === "BUYER" ? "WITHDRAWN_BY_BUYER" : "FELL_THROUGH",
        told: `${who} said it has fallen through ("${reason}").`,
      },
      now,
    );
    return readDealDetails(tx, deal);
  });
}
fallThrough.failures = ["not_found", "forbidden", "invalid_transition"] as const;
