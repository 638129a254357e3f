import { formatPounds } from "../domain/offer-terms-rules.ts";
import type { NewNotification } from "./notify.ts";

/** What the offer notifications need to know about an offer and its listing. */
export interface NotifiedOffer {
  id: string;
  buyerId: string;
  business: { title: string; sellerId: string; advisor: { userId: string } | null };
}

/** The seller and the listing's advisor: the side that answers a buyer's offer. */
function sellerSide(offer: NotifiedOffer): string[] {
  const { business } = offer;
  return [...new Set([business.sellerId, ...(business.advisor ? [business.advisor.userId] : [])])];
}

function toEach(userIds: string[], notification: Omit<NewNotification, "userId">): NewNotification[] {
  return userIds.map((userId) => ({ userId, ...notification }));
}

/** A new offer: to the seller's side. */
export function offerReceived(offer: NotifiedOffer, pricePence: number): NewNotification[] {
  const { title } = offer.business;
  return toEach(sellerSide(offer), {
    topic: "OFFERS",
    dedupeKey: `offer-received:${offer.id}`,
    title: `New offer for ${title}`,
    body: `A buyer has offered ${formatPounds(pricePence)} for "${title}". Accept, counter or reject it before it expires.`,
    link: `/offers/${offer.id}`,
  });
}

/** A counter-offer: to the other side. */
export function offerCountered(
  offer: NotifiedOffer,
  by: "BUYER" | "SELLER",
  version: number,
  pricePence: number,
): NewNotification[] {
  const { title } = offer.business;
  const recipients = by === "BUYER" ? sellerSide(offer) : [offer.buyerId];
  return toEach(recipients, {
    topic: "OFFERS",
    dedupeKey: `offer-countered:${offer.id}:${version}`,
    title: `Counter-offer for ${title}`,
    body: `The ${by === "BUYER" ? "buyer" : "seller"} has countered at ${formatPounds(pricePence)} for "${title}".`,
    link: `/offers/${offer.id}`,
  });
}

/** Accepted, rejected or withdrawn: to both sides but the one who did it. */
export function offerAnswered(
  offer: NotifiedOffer,
  outcome: "ACCEPTED" | "REJECTED" | "WITHDRAWN",
  by: "BUYER" | "SELLER",
): NewNotification[] {
  const { title } = offer.business;
  const recipients = by === "BUYER" ? sellerSide(offer) : [offer.buyerId];
  const who = by === "BUYER" ? "The buyer" : "The seller";
  const body = {
    ACCEPTED: `${who} accepted the offer for "${title}". The heads of terms are ready for both sides to sign.`,
    REJECTED: `${who} rejected the offer for "${title}".`,
    WITHDRAWN: `${who} withdrew the offer for "${title}".`,
  }[outcome];
  return toEach(recipients, {
    topic: "OFFERS",
    dedupeKey: `offer-${outcome.toLowerCase()}:${offer.id}`,
    title: `Offer ${outcome.toLowerCase()}: ${title}`,
    body,
    link: `/offers/${offer.id}`,
  });
}

/** The offer passed its open-until time unanswered: to both sides. */
export function offerExpired(offer: NotifiedOffer): NewNotification[] {
  const { title } = offer.business;
  return toEach([offer.buyerId, ...sellerSide(offer)], {
    topic: "OFFERS",
    dedupeKey: `offer-expired:${offer.id}`,
    title: `Offer expired: ${title}`,
    body: `The offer for "${title}" passed its open-until time without an answer and has expired.`,
    link: `/offers/${offer.id}`,
  });
}

/**
 * Another buyer's offer was accepted, so this one is on hold: to its buyer. It names nobody and
 * says nothing of how many others there are (bidder isolation).
 */
export function offerOnHold(offer: { id: string; buyerId: string }, listingTitle: string): NewNotification[] {
  return [
    {
      userId: offer.buyerId,
      topic: "OFFERS",
      dedupeKey: `offer-on-hold:${offer.id}`,
      title: `Your offer for ${listingTitle} is on hold`,
      body: `The seller of "${listingTitle}" has agreed terms with another party. Your offer is on hold and can be answered again if that ends.`,
      link: `/offers/${offer.id}`,
    },
  ];
}

/** Heads of terms ready: to both parties, who must sign. */
export function headsOfTermsToSign(
  deal: { id: string; buyerId: string; sellerId: string },
  listingTitle: string,
): NewNotification[] {
  return toEach([deal.buyerId, deal.sellerId], {
    topic: "DEAL_PROGRESS",
    dedupeKey: `heads-of-terms-to-sign:${deal.id}`,
    title: `Heads of terms for ${listingTitle} await your signature`,
    body: `The heads of terms for "${listingTitle}" are ready. Read them and sign to start exclusivity.`,
    link: `/deals/${deal.id}`,
  });
}
