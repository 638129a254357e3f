import type { Prisma } from "../../generated/prisma/client.ts";
import { type DealStatus, listingStatusFor } from "../domain/deal-status.ts";
import { enqueueEvent } from "../events/enqueue-event.ts";

/** The statuses a listing moves from when its deal moves it (a listing archived or taken down stays so). */
const MOVES_FROM: Record<"UNDER_OFFER" | "SOLD" | "PUBLISHED", ("PUBLISHED" | "UNDER_OFFER")[]> = {
  UNDER_OFFER: ["PUBLISHED"],
  SOLD: ["PUBLISHED", "UNDER_OFFER"],
  PUBLISHED: ["UNDER_OFFER"],
};

/**
 * Puts the listing in the status its deal calls for (domain/deal-status.ts): under offer while
 * exclusive, sold once completed, back on the market when the deal falls through. The listing's
 * version moves (an edit based on the old one gets 412) and its matches follow after commit.
 */
export async function moveListingWithDeal(
  tx: Prisma.TransactionClient,
  businessId: string,
  dealStatus: DealStatus,
  now: Date,
): Promise<void> {
  const target = listingStatusFor(dealStatus);
  if (target === null) return;
  const { count } = await tx.business.updateMany({
    where: { id: businessId, status: { in: MOVES_FROM[target] } },
    data: { status: target, version: { increment: 1 }, lastActivityAt: now },
  });
  if (count > 0) await enqueueEvent(tx, "listing.changed", businessId, now);
}
