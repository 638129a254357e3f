import type { PrismaClient } from "../../generated/prisma/client.ts";
import { dbUtils } from "../db/soft-delete.ts";
import { enqueueEvent } from "../events/enqueue-event.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadBusinessForOwner } from "./listing-access.ts";

/** The seller (or an admin) deletes a listing: soft, so it is kept for its retention period. */
export async function deleteListing(
  deps: { prisma: PrismaClient },
  input: { businessId: string },
  request: SignedInRequest,
): Promise<void> {
  const business = await loadBusinessForOwner(deps.prisma, input.businessId, request.caller);
  await deps.prisma.$transaction(async (tx) => {
    await dbUtils.softDelete(tx, "Business", business.id, request.receivedAt);
    await enqueueEvent(tx, "listing.changed", business.id, request.receivedAt);
  });
}
deleteListing.failures = ["not_found", "forbidden"] as const;
