import type { PrismaClient } from "../../generated/prisma/client.ts";
import { statusAfter } from "../domain/offer-status.ts";
import type { OfferTerms } from "../domain/offer-terms-rules.ts";
import { lockListing } from "../listings/lock-listing.ts";
import { notify } from "../notifications/notify.ts";
import { offerCountered } from "../notifications/offer-notifications.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { changedMeanwhile, loadAnswerableOffer, unchangedSince } from "./answerable-offer.ts";
import { type OfferDetails, readOfferDetails } from "./offer-details.ts";
import { checkTerms, openUntilFrom, versionData } from "./offer-version-data.ts";

/**
 * The side whose turn it is answers with terms of its own: a new version, and the turn passes
 * to the other side. The versions before it stay as they were.
 */
export async function counterOffer(
  deps: { prisma: PrismaClient },
  input: { offerId: string; ifMatch: string | undefined; terms: OfferTerms },
  request: SignedInRequest,
): Promise<OfferDetails> {
  const { prisma } = deps;
  const now = request.receivedAt;
  const { offer, side } = await loadAnswerableOffer(prisma, input, "COUNTER", request);
  checkTerms(input.terms, now);
  const number = offer.latestVersion + 1;
  const openUntil = openUntilFrom(now, input.terms.openDays);
  return prisma.$transaction(async (tx) => {
    await lockListing(tx, offer.businessId);
    const { count } = await tx.offer.updateMany({
      where: unchangedSince(offer),
      data: { status: statusAfter("COUNTER", side), latestVersion: number, openUntil, updatedAt: now },
    });
    if (count === 0) throw await changedMeanwhile(tx, offer.id, "COUNTER", side, now);
    await tx.offerVersion.create({
      data: { offerId: offer.id, ...versionData(number, side, request.caller.id, input.terms, openUntil, now) },
    });
    await tx.business.update({ where: { id: offer.businessId }, data: { lastActivityAt: now } });
    await notify(tx, offerCountered(offer, side, number, input.terms.pricePence), now);
    return readOfferDetails(tx, offer.id, now);
  });
}
counterOffer.failures = [
  "not_found",
  "forbidden",
  "precondition_required",
  "bad_request",
  "version_conflict",
  "offer_ended",
  "offer_frozen",
  "not_your_turn",
  "validation_failed",
] as const;
