import type { Business, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { enqueueEvent } from "../events/enqueue-event.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

/**
 * An admin archives a listing whatever its status (misleading figures, prohibited business,
 * complaint), with the reason kept in the activity log. The seller can rework it as a draft.
 */
export async function takeDownListing(
  deps: { prisma: PrismaClient },
  input: { businessId: string; reason: string },
  request: SignedInRequest,
): Promise<Business> {
  const { prisma } = deps;
  const business = await prisma.business.findFirst({ where: { id: input.businessId, deletedAt: null } });
  if (!business) throw new AppError("not_found", "No such business.");
  if (business.status === "ARCHIVED") throw new AppError("invalid_transition", "The listing is already archived.");
  return prisma.$transaction(async (tx) => {
    const updated = await tx.business.update({
      where: { id: business.id },
      data: { status: "ARCHIVED", version: { increment: 1 } },
    });
    await tx.activityLog.create({
      data: {
        userId: request.caller.id,
        action: "admin.listing_taken_down",
        entityType: "business",
        entityId: business.id,
        metadata: { reason: input.reason, previousStatus: business.status },
      },
    });
    // Out of every buyer's matches, after commit.
    await enqueueEvent(tx, "listing.changed", business.id, request.receivedAt);
    return updated;
  });
}
takeDownListing.failures = ["not_found", "invalid_transition"] as const;
