import type { PrismaClient } from "../../generated/prisma/client.ts";
import { lockListing } from "../listings/lock-listing.ts";
import { notify } from "../notifications/notify.ts";
import { offerAnswered } from "../notifications/offer-notifications.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { changedMeanwhile, loadAnswerableOffer, unchangedSince } from "./answerable-offer.ts";
import { type OfferDetails, readOfferDetails } from "./offer-details.ts";

/** The buyer withdraws their offer, whoever's turn it is and even while it is on hold. */
export async function withdrawOffer(
  deps: { prisma: PrismaClient },
  input: { offerId: string; ifMatch: string | undefined },
  request: SignedInRequest,
): Promise<OfferDetails> {
  const { prisma } = deps;
  const now = request.receivedAt;
  const { offer } = await loadAnswerableOffer(prisma, input, "WITHDRAW", request);
  return prisma.$transaction(async (tx) => {
    await lockListing(tx, offer.businessId);
    const { count } = await tx.offer.updateMany({
      where: unchangedSince(offer),
      data: { status: "WITHDRAWN", endedAt: now, updatedAt: now },
    });
    if (count === 0) throw await changedMeanwhile(tx, offer.id, "WITHDRAW", "BUYER", now);
    await notify(tx, offerAnswered(offer, "WITHDRAWN", "BUYER"), now);
    return readOfferDetails(tx, offer.id, now);
  });
}
withdrawOffer.failures = [
  "not_found",
  "forbidden",
  "precondition_required",
  "bad_request",
  "version_conflict",
  "offer_ended",
] as const;
