/**
 * A deal after an offer is accepted (issue 28): the heads of terms wait for both signatures;
 * with both, exclusivity runs; the seller's side records completion and the buyer confirms it.
 * Either side can say the deal has fallen through, with a reason, until it completes. The
 * listing's status follows the deal: under offer while exclusive, sold once completed, back on
 * the market when the deal falls through.
 */
export type DealStatus = "HEADS_OF_TERMS" | "EXCLUSIVE" | "COMPLETION_RECORDED" | "COMPLETED" | "FELL_THROUGH";
export type DealAction = "SIGN_HEADS_OF_TERMS" | "RECORD_COMPLETION" | "CONFIRM_COMPLETION" | "FALL_THROUGH";
export type DealSide = "BUYER" | "SELLER";

/** From which statuses an action may be taken, and by which side. */
const ACTIONS: Record<DealAction, { from: readonly DealStatus[]; by: readonly DealSide[] }> = {
  SIGN_HEADS_OF_TERMS: { from: ["HEADS_OF_TERMS"], by: ["BUYER", "SELLER"] },
  RECORD_COMPLETION: { from: ["EXCLUSIVE"], by: ["SELLER"] },
  CONFIRM_COMPLETION: { from: ["COMPLETION_RECORDED"], by: ["BUYER"] },
  FALL_THROUGH: { from: ["HEADS_OF_TERMS", "EXCLUSIVE", "COMPLETION_RECORDED"], by: ["BUYER", "SELLER"] },
};

const WHERE_IT_STANDS: Record<DealStatus, string> = {
  HEADS_OF_TERMS: "The deal is waiting for the heads of terms to be signed.",
  EXCLUSIVE: "The deal is in exclusivity.",
  COMPLETION_RECORDED: "The deal is waiting for the buyer to confirm completion.",
  COMPLETED: "The deal has completed.",
  FELL_THROUGH: "The deal has fallen through.",
};

/** Why `side` may not take `action` on a deal in `status`, or null when it may. */
export function dealActionRefusal(status: DealStatus, action: DealAction, side: DealSide): string | null {
  const rule = ACTIONS[action];
  if (!rule.from.includes(status)) return WHERE_IT_STANDS[status];
  if (!rule.by.includes(side)) {
    return action === "RECORD_COMPLETION"
      ? "The seller, or the listing's advisor, records completion."
      : "The buyer confirms completion.";
  }
  return null;
}

/** The deal's status after an allowed action; signing moves it on only with both signatures. */
export function dealStatusAfter(
  status: DealStatus,
  action: DealAction,
  /** Who has signed the heads of terms, this signature included. */
  signatures: { buyer: boolean; seller: boolean },
): DealStatus {
  switch (action) {
    case "SIGN_HEADS_OF_TERMS":
      return signatures.buyer && signatures.seller ? "EXCLUSIVE" : status;
    case "RECORD_COMPLETION":
      return "COMPLETION_RECORDED";
    case "CONFIRM_COMPLETION":
      return "COMPLETED";
    case "FALL_THROUGH":
      return "FELL_THROUGH";
  }
}

/** The listing's status a deal in `status` puts it in, or null where the deal leaves it as it is. */
export function listingStatusFor(status: DealStatus): "UNDER_OFFER" | "SOLD" | "PUBLISHED" | null {
  switch (status) {
    case "EXCLUSIVE":
    case "COMPLETION_RECORDED":
      return "UNDER_OFFER";
    case "COMPLETED":
      return "SOLD";
    case "FELL_THROUGH":
      return "PUBLISHED";
    case "HEADS_OF_TERMS":
      return null;
  }
}
