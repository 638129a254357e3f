import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { enqueueEvent } from "../events/enqueue-event.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { requireBuyer } from "./require-buyer.ts";

/** A buyer deletes their acquisition criteria, which stops matching (soft: saving again restores it). */
export async function deleteBuyerProfile(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
): Promise<void> {
  requireBuyer(request.caller);
  await deps.prisma.$transaction(async (tx) => {
    const [deleted] = await tx.buyerProfile.updateManyAndReturn({
      where: { userId: request.caller.id, deletedAt: null },
      data: { deletedAt: request.receivedAt },
      select: { id: true },
    });
    if (!deleted) throw new AppError("not_found", "No buyer profile to delete.");
    // Its matches go after commit (functions/events/).
    await enqueueEvent(tx, "buyer-profile.changed", deleted.id, request.receivedAt);
  });
}
deleteBuyerProfile.failures = ["forbidden", "not_found"] as const;
