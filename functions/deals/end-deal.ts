import type { ExclusivityEnd, Prisma } from "../../generated/prisma/client.ts";
import { dealFellThrough, offerAnswerableAgain } from "../notifications/deal-notifications.ts";
import { notify } from "../notifications/notify.ts";
import type { LoadedDeal } from "./deal-access.ts";
import { moveListingWithDeal } from "./listing-follows-deal.ts";

/**
 * Ends a deal that will not complete, inside the caller's transaction (which holds the listing's
 * lock): the deal has fallen through, its exclusivity (if any) ends, the listing goes back on the
 * market, and the offers on hold can be answered again (those past their open-until time have
 * expired). Everyone on the deal is told why; each buyer on hold is told their offer is live.
 */
export async function endDeal(
  tx: Prisma.TransactionClient,
  deal: LoadedDeal,
  ending: { reason: string; byId: string | null; exclusivityEnd: ExclusivityEnd; told: string },
  now: Date,
): Promise<void> {
  await tx.deal.update({
    where: { id: deal.id },
    data: {
      status: "FELL_THROUGH",
      fellThroughAt: now,
      fellThroughById: ending.byId,
      fellThroughReason: ending.reason,
      updatedAt: now,
    },
  });
  await tx.exclusivity.updateMany({
    where: { dealId: deal.id, endedAt: null },
    data: { endedAt: now, endReason: ending.exclusivityEnd, endNote: ending.reason, updatedAt: now },
  });
  await moveListingWithDeal(tx, deal.businessId, "FELL_THROUGH", now);
  const thawed = await tx.$queryRaw<{ offer_id: string; buyer_id: string }[]>`
    SELECT offer_id::text, buyer_id::text FROM thaw_offers(${deal.businessId}::uuid, ${now})`;
  await notify(
    tx,
    [
      ...dealFellThrough(deal, ending.told),
      ...thawed.flatMap((offer) =>
        offerAnswerableAgain({ id: offer.offer_id, buyerId: offer.buyer_id }, now, deal.business.title),
      ),
    ],
    now,
  );
}
