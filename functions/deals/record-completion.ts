import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { calendarDate } from "../clock/calendar-date.ts";
import { type CompletionConsideration, completionProblems } from "../domain/completion-rules.ts";
import { dealActionRefusal } from "../domain/deal-status.ts";
import type { OfferTerms } from "../domain/offer-terms-rules.ts";
import { AppError } from "../errors/app-error.ts";
import { lockListing } from "../listings/lock-listing.ts";
import { completionRecorded } from "../notifications/deal-notifications.ts";
import { notify } from "../notifications/notify.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealFor, sideOf } from "./deal-access.ts";
import type { DealDetails } from "./deal-details.ts";
import { readDealDetails } from "./read-deal-details.ts";

/**
 * The seller's side records completion during exclusivity: the date and the final consideration
 * (which may differ from the heads of terms). The buyer then confirms it.
 */
export async function recordCompletion(
  deps: { prisma: PrismaClient },
  input: { dealId: string; completedOn: string; consideration: CompletionConsideration },
  request: SignedInRequest,
): Promise<DealDetails> {
  const { prisma } = deps;
  const now = request.receivedAt;
  const { deal, role } = await loadDealFor(prisma, input.dealId, request.caller);
  const side = sideOf(role);
  if (side !== "SELLER") throw new AppError("forbidden", "The seller, or the listing's advisor, records completion.");
  const refused = dealActionRefusal(deal.status, "RECORD_COMPLETION", side);
  if (refused) throw new AppError("invalid_transition", refused);
  const accepted = await prisma.offerVersion.findUniqueOrThrow({ where: { id: deal.offerVersionId } });
  const problems = completionProblems(input.consideration, accepted.terms as unknown as OfferTerms, {
    completedOn: input.completedOn,
    agreedOn: calendarDate(deal.createdAt),
    today: calendarDate(now),
  });
  if (problems.length > 0) {
    throw new AppError("validation_failed", problems.map((p) => `${p.field}: ${p.message}`).join("; "), {
      fields: problems,
    });
  }
  return prisma.$transaction(async (tx) => {
    await lockListing(tx, deal.businessId);
    const { count } = await tx.deal.updateMany({
      where: { id: deal.id, status: "EXCLUSIVE" },
      data: {
        status: "COMPLETION_RECORDED",
        completedOn: new Date(`${input.completedOn}T00:00:00Z`),
        completionTerms: input.consideration as unknown as Prisma.InputJsonObject,
        completionRecordedAt: now,
        completionRecordedById: request.caller.id,
        updatedAt: now,
      },
    });
    if (count === 0) throw new AppError("invalid_transition", "The deal changed meanwhile; read it again.");
    await notify(tx, completionRecorded(deal), now);
    return readDealDetails(tx, deal);
  });
}
recordCompletion.failures = ["not_found", "forbidden", "invalid_transition", "validation_failed"] as const;
