import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { requireBuyer } from "./saved-search-access.ts";
import {
  MAX_SAVED_SEARCHES,
  type SavedSearchDetails,
  type SavedSearchFields,
  toDetails,
} from "./saved-search-details.ts";

/**
 * A buyer saves a listing search. Its alerts start with the next listing that starts to match
 * it; listings that match already are in its results, not in an alert.
 */
export async function createSavedSearch(
  deps: { prisma: PrismaClient },
  input: SavedSearchFields,
  request: SignedInRequest,
): Promise<SavedSearchDetails> {
  const { caller } = request;
  requireBuyer(caller);
  return deps.prisma.$transaction(async (tx) => {
    // Counted under a lock on the buyer's row, so two saves at once cannot pass the limit together.
    await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${caller.id}::uuid FOR UPDATE`;
    if ((await tx.savedSearch.count({ where: { userId: caller.id } })) >= MAX_SAVED_SEARCHES) {
      throw new AppError("conflict", `You can keep up to ${MAX_SAVED_SEARCHES} saved searches; delete one first.`);
    }
    const search = await tx.savedSearch.create({
      data: {
        userId: caller.id,
        name: input.name,
        filters: input.filters as Prisma.InputJsonObject,
        alertFrequency: input.alertFrequency,
        createdAt: request.receivedAt,
        updatedAt: request.receivedAt,
      },
    });
    return toDetails(search);
  });
}
createSavedSearch.failures = ["forbidden", "conflict"] as const;
