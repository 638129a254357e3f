import type { PrismaClient } from "../../generated/prisma/client.ts";
import { lockListing } from "../listings/lock-listing.ts";
import { notify } from "../notifications/notify.ts";
import { offerAnswered } from "../notifications/offer-notifications.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { changedMeanwhile, loadAnswerableOffer, unchangedSince } from "./answerable-offer.ts";
import { type OfferDetails, readOfferDetails } from "./offer-details.ts";

/** The side whose turn it is turns the offer down, saying why. The offer ends. */
export async function rejectOffer(
  deps: { prisma: PrismaClient },
  input: { offerId: string; ifMatch: string | undefined; reason: string },
  request: SignedInRequest,
): Promise<OfferDetails> {
  const { prisma } = deps;
  const now = request.receivedAt;
  const { offer, side } = await loadAnswerableOffer(prisma, input, "REJECT", request);
  return prisma.$transaction(async (tx) => {
    await lockListing(tx, offer.businessId);
    const { count } = await tx.offer.updateMany({
      where: unchangedSince(offer),
      data: { status: "REJECTED", rejectionReason: input.reason.trim(), endedAt: now, updatedAt: now },
    });
    if (count === 0) throw await changedMeanwhile(tx, offer.id, "REJECT", side, now);
    await tx.business.update({ where: { id: offer.businessId }, data: { lastActivityAt: now } });
    await notify(tx, offerAnswered(offer, "REJECTED", side), now);
    return readOfferDetails(tx, offer.id, now);
  });
}
rejectOffer.failures = [
  "not_found",
  "forbidden",
  "precondition_required",
  "bad_request",
  "version_conflict",
  "offer_ended",
  "offer_frozen",
  "not_your_turn",
] as const;
