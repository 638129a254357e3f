/**
 * An offer's negotiation, turn by turn (issue 28). The buyer makes an offer and the seller (or
 * the listing's advisor, acting for the seller) answers it; a counter-offer hands the turn to the
 * other side. Only the side whose turn it is may accept, counter or reject the latest version;
 * the buyer may withdraw at any time while the offer is live. A live offer past its open-until
 * time has expired, whatever its stored status says; one frozen while the seller is committed to
 * another offer (heads of terms, exclusivity) cannot be answered until that ends (the buyer may
 * still withdraw it).
 */
export type OfferStatus = "AWAITING_SELLER" | "AWAITING_BUYER" | "ACCEPTED" | "REJECTED" | "WITHDRAWN" | "EXPIRED";
export type OfferSide = "BUYER" | "SELLER";
export type OfferAction = "ACCEPT" | "COUNTER" | "REJECT" | "WITHDRAW";

/** Statuses in which the offer can still be answered. */
export const LIVE_OFFER_STATUSES: readonly OfferStatus[] = ["AWAITING_SELLER", "AWAITING_BUYER"];

export function isLive(status: OfferStatus): boolean {
  return LIVE_OFFER_STATUSES.includes(status);
}

/** Whose turn it is to answer, or null once the offer has ended. */
export function whoseTurn(status: OfferStatus): OfferSide | null {
  if (status === "AWAITING_SELLER") return "SELLER";
  if (status === "AWAITING_BUYER") return "BUYER";
  return null;
}

/** The status after `side` takes `action` (an allowed one: see offerActionRefusal). */
export function statusAfter(action: OfferAction, side: OfferSide): OfferStatus {
  switch (action) {
    case "ACCEPT":
      return "ACCEPTED";
    case "REJECT":
      return "REJECTED";
    case "WITHDRAW":
      return "WITHDRAWN";
    case "COUNTER":
      // The other side answers a counter-offer.
      return side === "SELLER" ? "AWAITING_BUYER" : "AWAITING_SELLER";
  }
}

/** The status as it stands at `now`: a live offer whose open-until time has come has expired. */
export function currentStatus(offer: { status: OfferStatus; openUntil: Date }, now: Date): OfferStatus {
  return isLive(offer.status) && offer.openUntil.getTime() <= now.getTime() ? "EXPIRED" : offer.status;
}

export type OfferActionRefusal =
  | { reason: "ended"; message: string }
  | { reason: "frozen"; message: string }
  | { reason: "not_your_turn"; message: string }
  | { reason: "buyer_only"; message: string };

const ENDED_MESSAGES: Record<Exclude<OfferStatus, "AWAITING_SELLER" | "AWAITING_BUYER">, string> = {
  ACCEPTED: "The offer has been accepted.",
  REJECTED: "The offer has been rejected.",
  WITHDRAWN: "The offer has been withdrawn.",
  EXPIRED: "The offer has expired.",
};

/**
 * Why `side` may not take `action` on the offer at `now`, or null when it may. The message never
 * mentions anyone but the two parties to this offer (bidder isolation): a frozen offer is frozen
 * because "the seller is committed to another offer", not to whom.
 */
export function offerActionRefusal(
  offer: { status: OfferStatus; openUntil: Date; frozen: boolean },
  action: OfferAction,
  side: OfferSide,
  now: Date,
): OfferActionRefusal | null {
  const status = currentStatus(offer, now);
  if (!isLive(status)) {
    return { reason: "ended", message: ENDED_MESSAGES[status as keyof typeof ENDED_MESSAGES] };
  }
  if (action === "WITHDRAW") {
    return side === "BUYER" ? null : { reason: "buyer_only", message: "Only the buyer can withdraw an offer." };
  }
  if (offer.frozen) {
    return {
      reason: "frozen",
      message: "The seller is committed to another offer on this listing; this offer can be answered if that ends.",
    };
  }
  if (whoseTurn(status) !== side) {
    return {
      reason: "not_your_turn",
      message: `It is the ${status === "AWAITING_SELLER" ? "seller" : "buyer"}'s turn to answer this offer.`,
    };
  }
  return null;
}
