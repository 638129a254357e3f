import type { Business, PrismaClient } from "../../generated/prisma/client.ts";
import type { BusinessStatus } from "../../generated/prisma/enums.ts";
import { allowedTransitions, canTransition } from "../domain/business-status.ts";
import { AppError } from "../errors/app-error.ts";
import { enqueueEvent } from "../events/enqueue-event.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadBusinessForOwner } from "./listing-access.ts";

/**
 * The seller (or an admin) moves a listing along its lifecycle (domain/business-status.ts), except
 * while a deal on the platform is in progress: then the deal moves it.
 */
export async function changeListingStatus(
  deps: { prisma: PrismaClient },
  input: { businessId: string; status: BusinessStatus },
  request: SignedInRequest,
): Promise<Business> {
  const { prisma } = deps;
  const business = await loadBusinessForOwner(prisma, input.businessId, request.caller);
  const target = input.status;
  if (!canTransition(business.status, target)) {
    const allowed = allowedTransitions(business.status);
    throw new AppError(
      "invalid_transition",
      `A ${business.status} listing can move to ${allowed.length ? allowed.join(" or ") : "nothing (final)"}, not ${target}.`,
    );
  }
  // While a deal on the platform is in progress its status follows the deal (deals/listing-follows-deal.ts).
  const inProgress = await prisma.deal.findFirst({
    where: { businessId: business.id, status: { in: ["HEADS_OF_TERMS", "EXCLUSIVE", "COMPLETION_RECORDED"] } },
    select: { id: true },
  });
  if (inProgress) {
    throw new AppError(
      "invalid_transition",
      "A deal on this listing is in progress: its status follows the deal (fall through or complete it).",
    );
  }
  const now = request.receivedAt;
  // Conditional on the status we checked, so two concurrent changes cannot both apply.
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.business.updateMany({
      where: { id: business.id, status: business.status, deletedAt: null },
      data: {
        status: target,
        version: { increment: 1 },
        lastActivityAt: now,
        ...(target === "PUBLISHED" && !business.publishedAt ? { publishedAt: now } : {}),
      },
    });
    if (count === 0) throw new AppError("conflict", "The listing's status changed meanwhile; read it again.");
    // Published: matched to every buyer; sold or archived: out of every match (after commit).
    await enqueueEvent(tx, "listing.changed", business.id, now);
    return tx.business.findUniqueOrThrow({ where: { id: business.id } });
  });
}
changeListingStatus.failures = ["not_found", "forbidden", "invalid_transition", "conflict"] as const;
