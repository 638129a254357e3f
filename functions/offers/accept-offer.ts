import type { PrismaClient } from "../../generated/prisma/client.ts";
import { headsOfTermsDocument } from "../deals/heads-of-terms-document.ts";
import { offerAcceptanceGate } from "../domain/buyer-due-diligence-rules.ts";
import type { OfferTerms } from "../domain/offer-terms-rules.ts";
import { AppError } from "../errors/app-error.ts";
import { lockListing } from "../listings/lock-listing.ts";
import { notify } from "../notifications/notify.ts";
import { headsOfTermsToSign, offerAnswered, offerOnHold } from "../notifications/offer-notifications.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { changedMeanwhile, loadAnswerableOffer, unchangedSince } from "./answerable-offer.ts";
import { type OfferDetails, readOfferDetails } from "./offer-details.ts";

/** Where a deal's heads of terms are stored: one object per accepted version, never replaced. */
export const headsOfTermsKey = (offerId: string, version: number) => `deals/${offerId}/heads-of-terms-v${version}`;

/**
 * The side whose turn it is accepts the latest version. ExitMatch must know the buyer first
 * (a current customer due diligence record). The accepted version becomes a deal with its heads
 * of terms (a PDF made here, its SHA-256 kept), and every other live offer on the listing goes on
 * hold. Acceptances on one listing take turns on its row lock: of two at the same moment, the
 * second finds its offer on hold. The database has the last word whatever the code does: one deal
 * in progress per listing (deals_business_in_progress_key).
 */
export async function acceptOffer(
  deps: { prisma: PrismaClient; storage: ObjectStorage },
  input: { offerId: string; ifMatch: string | undefined },
  request: SignedInRequest,
): Promise<OfferDetails> {
  const { prisma, storage } = deps;
  const now = request.receivedAt;
  const { offer, side } = await loadAnswerableOffer(prisma, input, "ACCEPT", request);
  const dueDiligence = await prisma.buyerDueDiligence.findUnique({ where: { buyerId: offer.buyerId } });
  const refusal = offerAcceptanceGate(dueDiligence, now);
  if (refusal) throw new AppError(refusal.code, refusal.message);

  const version = await prisma.offerVersion.findUniqueOrThrow({
    where: { offerId_number: { offerId: offer.id, number: offer.latestVersion } },
  });
  const terms = version.terms as unknown as OfferTerms;
  const [seller, buyer] = await Promise.all(
    [offer.business.sellerId, offer.buyerId].map((id) =>
      prisma.user.findUniqueOrThrow({ where: { id }, select: { name: true } }),
    ),
  );
  const { pdf, sha256 } = await headsOfTermsDocument({
    terms,
    sellerName: seller!.name,
    buyerName: buyer!.name,
    business: offer.business,
    createdAt: now,
  });
  const storageKey = headsOfTermsKey(offer.id, version.number);

  return prisma.$transaction(async (tx) => {
    // Acceptances on one listing take turns: each freezes the others' offers, and two doing so
    // at once would deadlock. The loser then finds its offer on hold.
    await lockListing(tx, offer.businessId);
    const { count } = await tx.offer.updateMany({
      where: unchangedSince(offer),
      data: { status: "ACCEPTED", endedAt: now, updatedAt: now },
    });
    if (count === 0) throw await changedMeanwhile(tx, offer.id, "ACCEPT", side, now);
    const deal = await tx.deal.create({
      data: {
        businessId: offer.businessId,
        offerId: offer.id,
        offerVersionId: version.id,
        buyerId: offer.buyerId,
        sellerId: offer.business.sellerId,
        headsOfTermsStorageKey: storageKey,
        headsOfTermsSha256: sha256,
        exclusivityDays: terms.exclusivityDays,
        createdAt: now,
      },
    });
    // Only once the database has let this deal in: a loser of the race writes no file.
    await storage.put(storageKey, pdf, "application/pdf");
    // Security definer: the buyer accepting a counter-offer cannot see the other offers.
    const onHold = await tx.$queryRaw<{ offer_id: string; buyer_id: string }[]>`
      SELECT offer_id::text, buyer_id::text FROM freeze_other_offers(${offer.businessId}::uuid, ${offer.id}::uuid, ${now})`;
    await tx.business.update({ where: { id: offer.businessId }, data: { lastActivityAt: now } });
    await notify(
      tx,
      [
        ...offerAnswered(offer, "ACCEPTED", side),
        ...headsOfTermsToSign(deal, offer.business.title),
        ...onHold.flatMap((held) => offerOnHold({ id: held.offer_id, buyerId: held.buyer_id }, offer.business.title)),
      ],
      now,
    );
    return readOfferDetails(tx, offer.id, now);
  });
}
acceptOffer.failures = [
  "not_found",
  "forbidden",
  "precondition_required",
  "bad_request",
  "version_conflict",
  "offer_ended",
  "offer_frozen",
  "not_your_turn",
  "buyer_due_diligence_required",
] as const;
