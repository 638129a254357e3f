import type { NewNotification } from "./notify.ts";

/** What the deal notifications need to know about a deal and its listing. */
export interface NotifiedDeal {
  id: string;
  buyerId: string;
  sellerId: string;
  business: { title: string; advisor: { userId: string } | null };
}

/** The buyer, the seller and the listing's advisor. */
function everyoneOn(deal: NotifiedDeal): string[] {
  return [...new Set([deal.buyerId, deal.sellerId, ...(deal.business.advisor ? [deal.business.advisor.userId] : [])])];
}

function progress(userIds: string[], dedupeKey: string, title: string, body: string, link: string): NewNotification[] {
  return userIds.map((userId) => ({ userId, topic: "DEAL_PROGRESS", dedupeKey, title, body, link }));
}

const dealLink = (deal: NotifiedDeal) => `/deals/${deal.id}`;

/** One party signed the heads of terms: the other is asked to. */
export function headsOfTermsSigned(deal: NotifiedDeal, signedBy: "BUYER" | "SELLER"): NewNotification[] {
  const waiting = signedBy === "BUYER" ? deal.sellerId : deal.buyerId;
  const { title } = deal.business;
  return progress(
    [waiting],
    `heads-of-terms-signed:${deal.id}:${signedBy}`,
    `Heads of terms for ${title} await your signature`,
    `The ${signedBy === "BUYER" ? "buyer" : "seller"} has signed the heads of terms for "${title}". Sign them to start exclusivity.`,
    dealLink(deal),
  );
}

/** Both signed: exclusivity runs until `endsAt`. */
export function exclusivityStarted(deal: NotifiedDeal, endsAt: Date): NewNotification[] {
  const { title } = deal.business;
  return progress(
    everyoneOn(deal),
    `exclusivity-started:${deal.id}`,
    `Exclusivity started: ${title}`,
    `Both sides signed the heads of terms for "${title}". Exclusivity runs until ${endsAt.toISOString().slice(0, 10)}.`,
    dealLink(deal),
  );
}

/**
 * To a buyer whose offer is on hold: the seller has entered exclusivity with another party. It
 * names nobody and says nothing of how many others there are (bidder isolation): not even the
 * other deal's id, in the text or the dedupe key (one per offer and moment: `at`).
 */
export function exclusivityElsewhere(offer: { id: string; buyerId: string }, at: Date, title: string) {
  return [
    {
      userId: offer.buyerId,
      topic: "OFFERS",
      dedupeKey: `exclusivity-elsewhere:${offer.id}:${at.toISOString()}`,
      title: `The seller of ${title} has entered exclusivity`,
      body: `The seller of "${title}" has entered exclusivity with another party. Your offer is on hold until it ends.`,
      link: `/offers/${offer.id}`,
    },
  ] satisfies NewNotification[];
}

/**
 * To a buyer whose offer was on hold: it can be answered again (those past their time have expired).
 * Keyed by offer and moment, never by the other deal.
 */
export function offerAnswerableAgain(offer: { id: string; buyerId: string }, at: Date, title: string) {
  return [
    {
      userId: offer.buyerId,
      topic: "OFFERS",
      dedupeKey: `offer-answerable-again:${offer.id}:${at.toISOString()}`,
      title: `Your offer for ${title} is live again`,
      body: `The seller of "${title}" is no longer committed to another party. Your offer can be answered again, unless its open-until time has passed.`,
      link: `/offers/${offer.id}`,
    },
  ] satisfies NewNotification[];
}

/** To a buyer whose offer was still live when the business was sold to another party. */
export function offerClosedBySale(offer: { id: string; buyerId: string }, title: string) {
  return [
    {
      userId: offer.buyerId,
      topic: "OFFERS",
      dedupeKey: `offer-closed-by-sale:${offer.id}`,
      title: `${title} has been sold`,
      body: `"${title}" has been sold to another party, so your offer is closed. Thank you for your interest.`,
      link: `/offers/${offer.id}`,
    },
  ] satisfies NewNotification[];
}

/** One side proposed an extension and signed it: the other is asked to. */
export function extensionProposed(deal: NotifiedDeal, by: "BUYER" | "SELLER", days: number): NewNotification[] {
  const { title } = deal.business;
  return progress(
    [by === "BUYER" ? deal.sellerId : deal.buyerId],
    `extension-proposed:${deal.id}`,
    `Extend exclusivity on ${title}?`,
    `The ${by === "BUYER" ? "buyer" : "seller"} proposes extending exclusivity on "${title}" by ${days} days. Sign to agree.`,
    dealLink(deal),
  );
}

export function exclusivityExtended(deal: NotifiedDeal, endsAt: Date): NewNotification[] {
  const { title } = deal.business;
  return progress(
    everyoneOn(deal),
    `exclusivity-extended:${deal.id}`,
    `Exclusivity extended: ${title}`,
    `Both sides agreed to extend exclusivity on "${title}"; it now runs until ${endsAt.toISOString().slice(0, 10)}.`,
    dealLink(deal),
  );
}

/** Reminder `days` before exclusivity ends. */
export function exclusivityEnding(deal: NotifiedDeal, days: number, endsAt: Date): NewNotification[] {
  const { title } = deal.business;
  return progress(
    everyoneOn(deal),
    `exclusivity-ending:${deal.id}:${days}`,
    `Exclusivity on ${title} ends in ${days} day${days === 1 ? "" : "s"}`,
    `Exclusivity on "${title}" ends on ${endsAt.toISOString().slice(0, 10)}. Agree an extension or record completion before then.`,
    dealLink(deal),
  );
}

export function dealFellThrough(deal: NotifiedDeal, why: string): NewNotification[] {
  const { title } = deal.business;
  return progress(
    everyoneOn(deal),
    `deal-fell-through:${deal.id}`,
    `Deal ended: ${title}`,
    `The deal for "${title}" has ended: ${why} The listing is back on the market.`,
    dealLink(deal),
  );
}

export function completionRecorded(deal: NotifiedDeal): NewNotification[] {
  const { title } = deal.business;
  return progress(
    [deal.buyerId],
    `completion-recorded:${deal.id}`,
    `Confirm completion of ${title}`,
    `The seller's side has recorded completion of "${title}". Check the date and the final consideration, and confirm.`,
    dealLink(deal),
  );
}

export function dealCompleted(deal: NotifiedDeal): NewNotification[] {
  const { title } = deal.business;
  return progress(
    everyoneOn(deal),
    `deal-completed:${deal.id}`,
    `Completed: ${title}`,
    `The sale of "${title}" has completed. Congratulations.`,
    dealLink(deal),
  );
}
