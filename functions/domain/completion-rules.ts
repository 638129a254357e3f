import type { FieldError } from "../errors/app-error.ts";
import { type OfferTerms, offerTermsProblems } from "./offer-terms-rules.ts";

/**
 * The final consideration recorded at completion (issue 28, section 3): the price and how it is
 * paid, which may differ from the heads of terms (a price chip after due diligence, a bigger
 * deferral). The same rules as an offer's price and payment: whole pence, at most £10bn, the
 * components adding up to the price exactly; a deferred payment due on a date falls after
 * completion.
 */
export interface CompletionConsideration {
  pricePence: number;
  payment: OfferTerms["payment"];
}

/**
 * Everything wrong with a completion on `completedOn` (YYYY-MM-DD) of a deal agreed on
 * `agreedOn`, recorded on `today`, each naming its field, or none.
 */
export function completionProblems(
  consideration: CompletionConsideration,
  acceptedTerms: OfferTerms,
  dates: { completedOn: string; agreedOn: string; today: string },
): FieldError[] {
  const problems: FieldError[] = [];
  if (dates.completedOn > dates.today) problems.push({ field: "completedOn", message: "cannot be in the future" });
  if (dates.completedOn < dates.agreedOn) {
    problems.push({
      field: "completedOn",
      message: `cannot be before the heads of terms were agreed (${dates.agreedOn})`,
    });
  }
  // The offer's own rules on the final figures; its other fields (funding, timetable) were the
  // offer's and are not recorded again.
  const asTerms: OfferTerms = { ...acceptedTerms, ...consideration };
  const money = offerTermsProblems(asTerms, dates.completedOn).filter(
    (problem) => problem.field === "pricePence" || problem.field.startsWith("payment"),
  );
  return [...problems, ...money];
}
