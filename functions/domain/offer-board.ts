import { type OfferTerms, paymentTotalPence } from "./offer-terms-rules.ts";

/**
 * The seller's board (issue 28): every live offer on a listing side by side, in the terms a
 * broker compares them by: the price, how much of it is cash at completion, how much comes later
 * (deferred, earn-out, vendor loan), the multiple of the listing's earnings it implies, how
 * conditional it is, the exclusivity asked, the time left to answer, and whether the buyer is
 * verified. Shown to the listing's seller and advisor only.
 */
export interface BoardOffer {
  offerId: string;
  terms: OfferTerms;
  openUntil: Date;
  buyerVerified: boolean;
}

/** The listing's latest full-year earnings, as its financials give them. */
export interface ListingEarnings {
  ebitdaPence: number | null;
  sdePence: number | null;
}

export interface BoardRow {
  offerId: string;
  pricePence: number;
  cashAtCompletionPence: number;
  /** Of the price, in percent to one decimal place. */
  cashAtCompletionPercent: number;
  /** Deferred payments, earn-out and vendor loan together, of the price, in percent to one decimal place. */
  paidLaterPercent: number;
  /** Price over EBITDA (or SDE where no positive EBITDA is given), to two decimal places; null without earnings. */
  impliedMultiple: number | null;
  multipleOf: "EBITDA" | "SDE" | null;
  conditions: number;
  exclusivityDays: number;
  /** Until the offer expires; 0 once it has. */
  secondsLeft: number;
  buyerVerified: boolean;
}

const percentOf = (part: number, whole: number) => Math.round((part * 1000) / whole) / 10;

export function boardRow(offer: BoardOffer, earnings: ListingEarnings, now: Date): BoardRow {
  const { terms } = offer;
  const { payment } = terms;
  // Deferred payments, earn-out and vendor loan: everything but the cash now and the retention.
  const paidLater = paymentTotalPence(payment) - payment.cashAtCompletionPence - (payment.retention?.amountPence ?? 0);
  // A multiple of a loss or of nothing means nothing: EBITDA when positive, else SDE when positive.
  const [earned, multipleOf] =
    earnings.ebitdaPence !== null && earnings.ebitdaPence > 0
      ? [earnings.ebitdaPence, "EBITDA" as const]
      : earnings.sdePence !== null && earnings.sdePence > 0
        ? [earnings.sdePence, "SDE" as const]
        : [null, null];
  return {
    offerId: offer.offerId,
    pricePence: terms.pricePence,
    cashAtCompletionPence: payment.cashAtCompletionPence,
    cashAtCompletionPercent: percentOf(payment.cashAtCompletionPence, terms.pricePence),
    paidLaterPercent: percentOf(paidLater, terms.pricePence),
    impliedMultiple: earned === null ? null : Math.round((terms.pricePence * 100) / earned) / 100,
    multipleOf,
    conditions: terms.conditions.length,
    exclusivityDays: terms.exclusivityDays,
    secondsLeft: Math.max(0, Math.floor((offer.openUntil.getTime() - now.getTime()) / 1000)),
    buyerVerified: offer.buyerVerified,
  };
}

export const BOARD_SORT_KEYS = [
  "pricePence",
  "cashAtCompletionPence",
  "cashAtCompletionPercent",
  "paidLaterPercent",
  "impliedMultiple",
  "conditions",
  "exclusivityDays",
  "secondsLeft",
  "buyerVerified",
] as const;
export type BoardSortKey = (typeof BOARD_SORT_KEYS)[number];

/**
 * The rows sorted by `key`, ascending or descending; rows without a value (no multiple) last
 * either way; ties in offer-id order, so the board does not reshuffle between reads.
 */
export function sortBoard(rows: readonly BoardRow[], key: BoardSortKey, direction: "asc" | "desc"): BoardRow[] {
  const sign = direction === "asc" ? 1 : -1;
  const value = (row: BoardRow) => {
    const raw = row[key];
    return typeof raw === "boolean" ? Number(raw) : raw;
  };
  return [...rows].sort((a, b) => {
    const [left, right] = [value(a), value(b)];
    if (left === null || right === null) {
      if (left !== right) return left === null ? 1 : -1;
    } else if (left !== right) {
      return (left - right) * sign;
    }
    return a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0;
  });
}
