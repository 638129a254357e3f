import type { PrismaClient } from "../../generated/prisma/client.ts";
import { earlyEndRefusal } from "../domain/exclusivity-rules.ts";
import { AppError } from "../errors/app-error.ts";
import { lockListing } from "../listings/lock-listing.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealFor, sideOf } from "./deal-access.ts";
import type { DealDetails } from "./deal-details.ts";
import { endDeal } from "./end-deal.ts";
import { readDealDetails } from "./read-deal-details.ts";

/**
 * Exclusivity ended before its time: the seller's side only for a stated reason (a missed
 * milestone), the buyer by withdrawing. Exclusivity is what the deal ran on, so the deal ends
 * with it and the listing is back on the market.
 */
export async function endExclusivityEarly(
  deps: { prisma: PrismaClient },
  input: { dealId: string; reason?: string | undefined },
  request: SignedInRequest,
): Promise<DealDetails> {
  const { prisma } = deps;
  const now = request.receivedAt;
  const { deal, role } = await loadDealFor(prisma, input.dealId, request.caller);
  const side = sideOf(role);
  if (!side) throw new AppError("forbidden", "Only the buyer and the seller's side can end exclusivity.");
  const reason = input.reason?.trim() || undefined;
  const refusalNow = (exclusivity: typeof deal.exclusivity) =>
    exclusivity
      ? earlyEndRefusal(
          {
            startedAt: exclusivity.startsAt,
            endsAt: exclusivity.endsAt,
            extended: exclusivity.extendedAt !== null,
            endedAt: exclusivity.endedAt,
          },
          side,
          reason,
          now,
        )
      : "Exclusivity has not started: the heads of terms are not signed by both sides.";
  const refused = refusalNow(deal.exclusivity);
  if (refused) throw new AppError("invalid_transition", refused);
  return prisma.$transaction(async (tx) => {
    await lockListing(tx, deal.businessId);
    const stillRefused = refusalNow(await tx.exclusivity.findUnique({ where: { dealId: deal.id } }));
    if (stillRefused) throw new AppError("invalid_transition", stillRefused);
    const said = reason ?? "The buyer withdrew.";
    await endDeal(
      tx,
      deal,
      {
        reason: said,
        byId: request.caller.id,
        exclusivityEnd: side === "BUYER" ? "WITHDRAWN_BY_BUYER" : "ENDED_BY_SELLER",
        told:
          side === "BUYER"
            ? `the buyer withdrew from exclusivity${reason ? ` ("${reason}")` : ""}.`
            : `the seller's side ended exclusivity early ("${said}").`,
      },
      now,
    );
    return readDealDetails(tx, deal);
  });
}
endExclusivityEarly.failures = ["not_found", "forbidden", "invalid_transition"] as const;
