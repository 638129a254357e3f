import type { Business, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { enqueueEvent } from "../events/enqueue-event.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { expectedVersion, isPossibleVersion } from "./expected-version.ts";
import { loadBusinessForOwner } from "./listing-access.ts";
import { type ListingFields, toBusinessData } from "./listing-fields.ts";

/**
 * The seller (or an admin) edits a listing, based on the version they read (`ifMatch`, its ETag):
 * of two concurrent edits from the same version, one wins and the other gets version_conflict.
 */
export async function updateListing(
  deps: { prisma: PrismaClient },
  input: { businessId: string; ifMatch: string | undefined; changes: Partial<ListingFields> },
  request: SignedInRequest,
): Promise<Business> {
  const { prisma } = deps;
  const business = await loadBusinessForOwner(prisma, input.businessId, request.caller);
  const version = expectedVersion(input.ifMatch);
  if (!isPossibleVersion(version))
    throw new AppError("version_conflict", `The listing is at version ${business.version}.`);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.business.updateMany({
      where: { id: business.id, version, deletedAt: null },
      data: { ...toBusinessData(input.changes), version: { increment: 1 }, lastActivityAt: request.receivedAt },
    });
    if (count === 0)
      throw new AppError("version_conflict", `The listing is at version ${business.version}, not ${version}.`);
    // Its matches follow the edit after commit (functions/events/).
    await enqueueEvent(tx, "listing.changed", business.id, request.receivedAt);
    return tx.business.findUniqueOrThrow({ where: { id: business.id } });
  });
}
updateListing.failures = [
  "not_found",
  "forbidden",
  "precondition_required",
  "bad_request",
  "version_conflict",
] as const;
