import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadOwnSavedSearch } from "./saved-search-access.ts";
import { type SavedSearchDetails, type SavedSearchFields, toDetails } from "./saved-search-details.ts";

/**
 * Replaces one of the caller's saved searches. Listings it already alerted about are not
 * alerted again, whatever the new filters (once per listing).
 */
export async function updateSavedSearch(
  deps: { prisma: PrismaClient },
  input: SavedSearchFields & { id: string },
  request: SignedInRequest,
): Promise<SavedSearchDetails> {
  const search = await loadOwnSavedSearch(deps.prisma, input.id, request.caller);
  const updated = await deps.prisma.savedSearch.update({
    where: { id: search.id },
    data: {
      name: input.name,
      filters: input.filters as Prisma.InputJsonObject,
      alertFrequency: input.alertFrequency,
      updatedAt: request.receivedAt,
    },
  });
  return toDetails(updated);
}
updateSavedSearch.failures = ["forbidden", "not_found"] as const;
