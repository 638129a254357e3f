import type { Prisma } from "../../generated/prisma/client.ts";
import { calendarDate } from "../clock/calendar-date.ts";
import type { OfferSide } from "../domain/offer-status.ts";
import { type OfferTerms, offerTermsProblems } from "../domain/offer-terms-rules.ts";
import { AppError } from "../errors/app-error.ts";

const DAY_MS = 86_400_000;

/** Terms that break a rule are refused with every problem, each naming its field. */
export function checkTerms(terms: OfferTerms, now: Date): void {
  const problems = offerTermsProblems(terms, calendarDate(now));
  if (problems.length > 0) {
    throw new AppError(
      "validation_failed",
      problems.map((problem) => `${problem.field}: ${problem.message}`).join("; "),
      {
        fields: problems,
      },
    );
  }
}

/** When a version made at `now` stops being open. */
export const openUntilFrom = (now: Date, openDays: number) => new Date(now.getTime() + openDays * DAY_MS);

/** The row of a new version. */
export function versionData(
  number: number,
  proposedBy: OfferSide,
  proposedById: string,
  terms: OfferTerms,
  openUntil: Date,
  now: Date,
): Omit<Prisma.OfferVersionUncheckedCreateInput, "offerId"> {
  return {
    number,
    proposedBy,
    proposedById,
    dealType: terms.dealType,
    pricePence: BigInt(terms.pricePence),
    cashAtCompletionPence: BigInt(terms.payment.cashAtCompletionPence),
    terms: terms as unknown as Prisma.InputJsonObject,
    openUntil,
    createdAt: now,
  };
}
