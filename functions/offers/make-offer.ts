import type { PrismaClient } from "../../generated/prisma/client.ts";
import { classifyDatabaseError } from "../db/database-errors.ts";
import { type OfferTerms, offerTermsProblems } from "../domain/offer-terms-rules.ts";
import { AppError } from "../errors/app-error.ts";
import { lockListing } from "../listings/lock-listing.ts";
import { notify } from "../notifications/notify.ts";
import { offerReceived } from "../notifications/offer-notifications.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { OFFER_DETAILS, type OfferDetails, toOfferDetails } from "./offer-details.ts";
import { checkTerms, openUntilFrom, versionData } from "./offer-version-data.ts";

/** Listings that take offers: published, or under offer while no exclusivity is in force. */
const OPEN_FOR_OFFERS = ["PUBLISHED", "UNDER_OFFER"];

/**
 * A buyer makes an offer on a listing (issue 28). They need an accepted inquiry and a signed NDA
 * for it; the listing must be taking offers. While the seller is committed to another offer
 * (heads of terms not yet signed), a new offer is made on hold. Each refusal names only the
 * caller's own position, never another buyer's.
 */
export async function makeOffer(
  deps: { prisma: PrismaClient },
  input: { listingId: string; terms: OfferTerms },
  request: SignedInRequest,
): Promise<OfferDetails> {
  const { prisma } = deps;
  const { caller, receivedAt: now } = request;
  const business = await prisma.business.findFirst({
    where: { id: input.listingId, deletedAt: null },
    include: { advisor: { select: { userId: true } } },
  });
  if (!business) throw new AppError("not_found", "No such listing.");
  if (business.sellerId === caller.id || business.advisor?.userId === caller.id) {
    throw new AppError("own_listing", "The seller's side answers offers on this listing; it cannot make one.");
  }
  const inquiry = await prisma.inquiry.findFirst({
    where: {
      businessId: business.id,
      buyerId: caller.id,
      status: "ACCEPTED",
      ndaAcceptedAt: { not: null },
      deletedAt: null,
    },
    select: { id: true },
  });
  if (!inquiry) {
    // The same answer whether the listing is hidden or public: a listing the caller has not been
    // let into is one they cannot make an offer on.
    throw new AppError("nda_required", "Make an inquiry, have it accepted and sign the NDA before making an offer.");
  }
  if (!OPEN_FOR_OFFERS.includes(business.status)) {
    throw new AppError(
      "listing_not_open_for_offers",
      business.status === "SOLD" ? "The listing has been sold." : `The listing is ${business.status.toLowerCase()}.`,
    );
  }
  checkTerms(input.terms, now);
  const openUntil = openUntilFrom(now, input.terms.openDays);
  try {
    return await prisma.$transaction(async (tx) => {
      // Read where the listing stands after any acceptance in progress has committed: an offer
      // made as another is accepted is made on hold, like one made after.
      await lockListing(tx, business.id);
      const inForce = await tx.exclusivity.findFirst({
        where: { businessId: business.id, endedAt: null },
        select: { id: true },
      });
      if (inForce) {
        throw new AppError(
          "listing_in_exclusivity",
          "The seller has entered exclusivity on this listing; offers reopen when it ends.",
        );
      }
      const dealInProgress = await tx.deal.findFirst({
        where: { businessId: business.id, status: "HEADS_OF_TERMS" },
        select: { id: true },
      });
      const offer = await tx.offer.create({
        data: {
          businessId: business.id,
          buyerId: caller.id,
          inquiryId: inquiry.id,
          status: "AWAITING_SELLER",
          latestVersion: 1,
          openUntil,
          frozenAt: dealInProgress ? now : null,
          createdAt: now,
          versions: { create: versionData(1, "BUYER", caller.id, input.terms, openUntil, now) },
        },
        include: OFFER_DETAILS,
      });
      await tx.business.update({ where: { id: business.id }, data: { lastActivityAt: now } });
      await notify(tx, offerReceived({ ...offer, business }, input.terms.pricePence), now);
      return toOfferDetails(offer, now);
    });
  } catch (error) {
    // offers_business_buyer_live_key: one live offer per buyer and listing (two racing first
    // offers included).
    if (classifyDatabaseError(error) === "unique_violation") {
      throw new AppError(
        "offer_already_live",
        "You already have a live offer on this listing: counter or withdraw it.",
      );
    }
    throw error;
  }
}
makeOffer.failures = [
  "not_found",
  "own_listing",
  "nda_required",
  "listing_not_open_for_offers",
  "validation_failed",
  "listing_in_exclusivity",
  "offer_already_live",
] as const;

/** Re-exported so the route's schema and the rules share one list. */
export { offerTermsProblems };
