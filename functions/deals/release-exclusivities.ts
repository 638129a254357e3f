import type { PrismaClient } from "../../generated/prisma/client.ts";
import { lockListing } from "../listings/lock-listing.ts";
import { DEAL_INCLUDE } from "./deal-access.ts";
import { endDeal } from "./end-deal.ts";

const BATCH_SIZE = 100;

/**
 * Exclusivity that reached its end without completion is released by itself: the deal ends, the
 * listing is back on the market and the offers on hold can be answered again (end-deal.ts). A deal
 * whose completion is recorded and waits for the buyer's confirmation is left alone. Each release
 * is its own transaction, taking the listing's lock first as every deal change does. Run it in a
 * system session.
 */
export async function releaseExclusivities(
  deps: { prisma: PrismaClient },
  now: Date,
  options: { batchSize?: number } = {},
): Promise<{ released: number }> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  let released = 0;
  for (;;) {
    const due = await deps.prisma.exclusivity.findMany({
      where: { endedAt: null, endsAt: { lte: now }, deal: { status: "EXCLUSIVE" } },
      orderBy: { endsAt: "asc" },
      take: batchSize,
      select: { dealId: true, businessId: true },
    });
    for (const { dealId, businessId } of due) {
      const done = await deps.prisma.$transaction(async (tx) => {
        await lockListing(tx, businessId);
        const deal = await tx.deal.findUniqueOrThrow({ where: { id: dealId }, include: DEAL_INCLUDE });
        const exclusivity = deal.exclusivity;
        // Extended, completed or ended while we looked: nothing to release.
        if (deal.status !== "EXCLUSIVE" || !exclusivity || exclusivity.endedAt || exclusivity.endsAt > now)
          return false;
        const endedOn = exclusivity.endsAt.toISOString().slice(0, 10);
        await endDeal(
          tx,
          deal,
          {
            reason: `Exclusivity ended on ${endedOn} without completion.`,
            byId: null,
            exclusivityEnd: "EXPIRED",
            told: `exclusivity ended on ${endedOn} without completion.`,
          },
          now,
        );
        return true;
      });
      if (done) released += 1;
    }
    if (due.length < batchSize) return { released };
  }
}
