import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import type { CompletionConsideration } from "../domain/completion-rules.ts";
import { comparableOf } from "../domain/deal-comparables.ts";
import { dealActionRefusal } from "../domain/deal-status.ts";
import type { OfferTerms } from "../domain/offer-terms-rules.ts";
import { AppError } from "../errors/app-error.ts";
import { lockListing } from "../listings/lock-listing.ts";
import { dealCompleted, offerClosedBySale } from "../notifications/deal-notifications.ts";
import { notify } from "../notifications/notify.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { type LoadedDeal, loadDealFor } from "./deal-access.ts";
import type { DealDetails } from "./deal-details.ts";
import { moveListingWithDeal } from "./listing-follows-deal.ts";
import { readDealDetails } from "./read-deal-details.ts";

const SOLD_ELSEWHERE = "The business has been sold to another party.";

/**
 * The buyer confirms the completion the seller's side recorded. The deal is complete and the
 * listing sold; every other live offer is closed and its buyer told; the listing's deal rooms are
 * closed to everyone but the seller, the buyer and the advisor; the deal is kept as an
 * anonymised comparable.
 */
export async function confirmCompletion(
  deps: { prisma: PrismaClient },
  input: { dealId: string },
  request: SignedInRequest,
): Promise<DealDetails> {
  const { prisma } = deps;
  const now = request.receivedAt;
  const { deal, role } = await loadDealFor(prisma, input.dealId, request.caller);
  if (role !== "BUYER") throw new AppError("forbidden", "The buyer confirms completion.");
  const refused = dealActionRefusal(deal.status, "CONFIRM_COMPLETION", "BUYER");
  if (refused) throw new AppError("invalid_transition", refused);
  return prisma.$transaction(async (tx) => {
    await lockListing(tx, deal.businessId);
    const { count } = await tx.deal.updateMany({
      where: { id: deal.id, status: "COMPLETION_RECORDED" },
      data: { status: "COMPLETED", completionConfirmedAt: now, updatedAt: now },
    });
    if (count === 0) throw new AppError("invalid_transition", "The deal changed meanwhile; read it again.");
    await tx.exclusivity.updateMany({
      where: { dealId: deal.id, endedAt: null },
      data: { endedAt: now, endReason: "COMPLETED", updatedAt: now },
    });
    await moveListingWithDeal(tx, deal.businessId, "COMPLETED", now);
    const closed = await tx.$queryRaw<{ offer_id: string; buyer_id: string }[]>`
      SELECT offer_id::text, buyer_id::text
      FROM close_other_offers(${deal.businessId}::uuid, ${deal.offerId}::uuid, ${SOLD_ELSEWHERE}, ${now})`;
    // The rooms stay for the two parties and the advisor (their records); everyone else leaves.
    const staying = [deal.buyerId, deal.sellerId, ...(deal.business.advisor ? [deal.business.advisor.userId] : [])];
    await tx.dealRoomMember.updateMany({
      where: { dealRoom: { businessId: deal.businessId }, userId: { notIn: staying }, revokedAt: null },
      data: { revokedAt: now },
    });
    await keepComparable(tx, deal);
    await notify(
      tx,
      [
        ...dealCompleted(deal),
        ...closed.flatMap((offer) =>
          offerClosedBySale({ id: offer.offer_id, buyerId: offer.buyer_id }, deal.business.title),
        ),
      ],
      now,
    );
    return readDealDetails(tx, deal);
  });
}
confirmCompletion.failures = ["not_found", "forbidden", "invalid_transition"] as const;

/** The deal, anonymised, for valuation work: from the final consideration and the figures at completion. */
async function keepComparable(tx: Prisma.TransactionClient, deal: LoadedDeal) {
  const [fresh, listing, latestYear, accepted] = await Promise.all([
    tx.deal.findUniqueOrThrow({ where: { id: deal.id }, select: { completedOn: true, completionTerms: true } }),
    tx.business.findUniqueOrThrow({
      where: { id: deal.businessId },
      select: { sicCode: true, region: true, revenue: true, ebitda: true, sde: true },
    }),
    tx.businessFinancial.findFirst({
      where: { businessId: deal.businessId, deletedAt: null },
      orderBy: { financialYearEnd: "desc" },
      select: { revenue: true, ebitda: true, sde: true },
    }),
    tx.offerVersion.findUniqueOrThrow({ where: { id: deal.offerVersionId }, select: { terms: true } }),
  ]);
  const figures = latestYear ?? listing;
  const number = (value: bigint | null) => (value === null ? null : Number(value));
  const consideration = fresh.completionTerms as unknown as CompletionConsideration;
  const comparable = comparableOf({
    sicCode: listing.sicCode,
    region: listing.region,
    dealType: (accepted.terms as unknown as OfferTerms).dealType,
    completedOn: fresh.completedOn!.toISOString().slice(0, 10),
    pricePence: consideration.pricePence,
    revenuePence: number(figures.revenue),
    ebitdaPence: number(figures.ebitda),
    sdePence: number(figures.sde),
  });
  await tx.dealComparable.create({
    data: {
      sicCode: comparable.sicCode,
      region: listing.region,
      sizeBand: comparable.sizeBand,
      dealType: comparable.dealType,
      completedIn: comparable.completedIn,
      pricePence: BigInt(comparable.pricePence),
      priceToRevenue: comparable.priceToRevenue,
      priceToEbitda: comparable.priceToEbitda,
      priceToSde: comparable.priceToSde,
    },
  });
}
