import type { FieldError } from "../errors/app-error.ts";

/**
 * What an offer on a UK business says (issue 28; ../shared/notes/deal-workflow.md): the deal, the
 * price and how it is paid, the price mechanism, the buyer's funding, conditions, and the
 * timetable asked for. Money is integer pence, GBP. The shape (types, enums) is checked where the
 * request is parsed; these are the rules that tie the fields together.
 */
export interface OfferTerms {
  dealType: "SHARE_PURCHASE" | "ASSET_PURCHASE";
  pricePence: number;
  /** Share purchases only: priced cash-free/debt-free with a normal level of working capital. */
  cashFreeDebtFree?: boolean | undefined;
  payment: {
    cashAtCompletionPence: number;
    /** Each due on a date or a number of months after completion (one of the two). */
    deferred: { amountPence: number; dueDate?: string | undefined; monthsAfterCompletion?: number | undefined }[];
    earnOut?:
      | { maxAmountPence: number; measure: "REVENUE" | "GROSS_PROFIT" | "EBITDA"; months: number; terms: string }
      | undefined;
    /** Interest in basis points a year (650 = 6.5%). */
    vendorLoan?: { amountPence: number; interestBasisPoints: number; termMonths: number } | undefined;
    retention?: { amountPence: number; months: number; releasedWhen: string } | undefined;
  };
  priceMechanism: { kind: "LOCKED_BOX"; balanceSheetDate: string } | { kind: "COMPLETION_ACCOUNTS" };
  /** How the cash at completion is funded. */
  funding: { source: "OWN_CASH" | "BANK_DEBT" | "INVESTOR_EQUITY" | "OTHER"; amountPence: number }[];
  conditions: {
    kind: "FINANCE" | "DUE_DILIGENCE" | "KEY_STAFF" | "LANDLORD_CONSENT" | "REGULATORY_APPROVAL" | "OTHER";
    text?: string | undefined;
  }[];
  /** Asset purchases only: whether employees transfer under TUPE, and whether a VAT going concern (TOGC) is intended. */
  tupeApplies?: boolean | undefined;
  togcIntended?: boolean | undefined;
  exclusivityDays: number;
  /** A calendar date, YYYY-MM-DD. */
  targetCompletionDate: string;
  /** How many days the offer stays open. */
  openDays: number;
}

/** Above this an amount is not a small or medium-sized business's: £10bn. */
export const MAX_AMOUNT_PENCE = 1_000_000_000_000;
export const DEFAULT_EXCLUSIVITY_DAYS = 60;
export const MAX_EXCLUSIVITY_DAYS = 120;
export const DEFAULT_OPEN_DAYS = 7;
export const MAX_OPEN_DAYS = 30;
/** Deferred payments, earn-outs, vendor loans and retentions run for at most ten years. */
export const MAX_TERM_MONTHS = 120;

/** £1,234.56 (whole pounds without pence): for messages a person reads. */
export function formatPounds(pence: number): string {
  const sign = pence < 0 ? "-" : "";
  const absolute = Math.abs(pence);
  const pounds = Math.floor(absolute / 100).toLocaleString("en-GB");
  const rest = absolute % 100;
  return `${sign}£${pounds}${rest === 0 ? "" : `.${String(rest).padStart(2, "0")}`}`;
}

/** Every amount an offer names, with the field it is in. */
function amountsOf(terms: OfferTerms): [string, number][] {
  const { payment } = terms;
  return [
    ["pricePence", terms.pricePence],
    ["payment.cashAtCompletionPence", payment.cashAtCompletionPence],
    ...payment.deferred.map((item, index): [string, number] => [
      `payment.deferred.${index}.amountPence`,
      item.amountPence,
    ]),
    ...(payment.earnOut
      ? [["payment.earnOut.maxAmountPence", payment.earnOut.maxAmountPence] as [string, number]]
      : []),
    ...(payment.vendorLoan
      ? [["payment.vendorLoan.amountPence", payment.vendorLoan.amountPence] as [string, number]]
      : []),
    ...(payment.retention
      ? [["payment.retention.amountPence", payment.retention.amountPence] as [string, number]]
      : []),
    ...terms.funding.map((item, index): [string, number] => [`funding.${index}.amountPence`, item.amountPence]),
  ];
}

/** What the payment components add up to. */
export function paymentTotalPence(payment: OfferTerms["payment"]): number {
  return (
    payment.cashAtCompletionPence +
    payment.deferred.reduce((sum, item) => sum + item.amountPence, 0) +
    (payment.earnOut?.maxAmountPence ?? 0) +
    (payment.vendorLoan?.amountPence ?? 0) +
    (payment.retention?.amountPence ?? 0)
  );
}

const wholeNumberIn = (value: number, low: number, high: number) =>
  Number.isInteger(value) && value >= low && value <= high;

/**
 * Everything wrong with an offer's terms, each naming its field, or none. `today` is the
 * caller's date (YYYY-MM-DD, from the clock): a locked-box balance sheet cannot be dated after
 * it, a target completion or a deferred payment's due date cannot be on or before it.
 */
export function offerTermsProblems(terms: OfferTerms, today: string): FieldError[] {
  const problems: FieldError[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  const { payment } = terms;

  for (const [field, amount] of amountsOf(terms)) {
    if (!wholeNumberIn(amount, 0, MAX_AMOUNT_PENCE)) {
      problem(
        field,
        `must be a whole number of pence from 0 to ${MAX_AMOUNT_PENCE} (${formatPounds(MAX_AMOUNT_PENCE)})`,
      );
    }
  }
  if (terms.pricePence === 0) problem("pricePence", "must be more than £0");

  const total = paymentTotalPence(payment);
  if (total !== terms.pricePence) {
    const difference = Math.abs(total - terms.pricePence);
    problem(
      "payment",
      `the payment components add up to ${formatPounds(total)}, ${formatPounds(difference)} ${
        total < terms.pricePence ? "less" : "more"
      } than the price of ${formatPounds(terms.pricePence)}; they must add up to it exactly`,
    );
  }

  for (const [index, item] of payment.deferred.entries()) {
    const field = `payment.deferred.${index}`;
    const hasDate = item.dueDate !== undefined;
    const hasMonths = item.monthsAfterCompletion !== undefined;
    if (hasDate === hasMonths) problem(field, "give either a due date or a number of months after completion");
    if (hasDate && item.dueDate! <= today) problem(`${field}.dueDate`, "must be after today");
    if (hasMonths && !wholeNumberIn(item.monthsAfterCompletion!, 1, MAX_TERM_MONTHS)) {
      problem(`${field}.monthsAfterCompletion`, `must be 1 to ${MAX_TERM_MONTHS} months`);
    }
  }
  if (payment.earnOut) {
    if (!wholeNumberIn(payment.earnOut.months, 1, MAX_TERM_MONTHS)) {
      problem("payment.earnOut.months", `must be 1 to ${MAX_TERM_MONTHS} months`);
    }
    if (payment.earnOut.terms.trim() === "")
      problem("payment.earnOut.terms", "say in words how the earn-out is earned");
  }
  if (payment.vendorLoan) {
    if (!wholeNumberIn(payment.vendorLoan.interestBasisPoints, 0, 10_000)) {
      problem("payment.vendorLoan.interestBasisPoints", "must be 0 to 10000 basis points (0% to 100% a year)");
    }
    if (!wholeNumberIn(payment.vendorLoan.termMonths, 1, MAX_TERM_MONTHS)) {
      problem("payment.vendorLoan.termMonths", `must be 1 to ${MAX_TERM_MONTHS} months`);
    }
  }
  if (payment.retention) {
    if (!wholeNumberIn(payment.retention.months, 1, MAX_TERM_MONTHS)) {
      problem("payment.retention.months", `must be 1 to ${MAX_TERM_MONTHS} months`);
    }
    if (payment.retention.releasedWhen.trim() === "") {
      problem("payment.retention.releasedWhen", "say what releases the retention");
    }
  }

  if (terms.priceMechanism.kind === "LOCKED_BOX" && terms.priceMechanism.balanceSheetDate > today) {
    problem("priceMechanism.balanceSheetDate", "a locked box's balance sheet cannot be dated in the future");
  }

  const funded = terms.funding.reduce((sum, item) => sum + item.amountPence, 0);
  if (funded < payment.cashAtCompletionPence) {
    problem(
      "funding",
      `the funding named covers ${formatPounds(funded)} of the ${formatPounds(
        payment.cashAtCompletionPence,
      )} due at completion, ${formatPounds(payment.cashAtCompletionPence - funded)} short`,
    );
  }

  for (const [index, condition] of terms.conditions.entries()) {
    if (condition.kind === "OTHER" && !condition.text?.trim()) {
      problem(`conditions.${index}.text`, "say what the condition is");
    }
  }

  if (terms.dealType === "SHARE_PURCHASE") {
    if (terms.tupeApplies !== undefined) problem("tupeApplies", "only for an asset purchase");
    if (terms.togcIntended !== undefined) problem("togcIntended", "only for an asset purchase");
  } else {
    if (terms.cashFreeDebtFree !== undefined) problem("cashFreeDebtFree", "only for a share purchase");
    if (terms.tupeApplies === undefined) problem("tupeApplies", "say whether employees transfer under TUPE");
    if (terms.togcIntended === undefined)
      problem("togcIntended", "say whether a transfer of a going concern is intended");
  }

  if (!wholeNumberIn(terms.exclusivityDays, 1, MAX_EXCLUSIVITY_DAYS)) {
    problem("exclusivityDays", `must be 1 to ${MAX_EXCLUSIVITY_DAYS} days`);
  }
  if (!wholeNumberIn(terms.openDays, 1, MAX_OPEN_DAYS)) problem("openDays", `must be 1 to ${MAX_OPEN_DAYS} days`);
  if (terms.targetCompletionDate <= today) problem("targetCompletionDate", "must be after today");
  return problems;
}
