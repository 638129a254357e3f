import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { requireBuyer } from "./saved-search-access.ts";
import { type SavedSearchDetails, toDetails } from "./saved-search-details.ts";

/** The caller's saved searches, oldest first (at most MAX_SAVED_SEARCHES: no paging needed). */
export async function listSavedSearches(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
): Promise<SavedSearchDetails[]> {
  requireBuyer(request.caller);
  const searches = await deps.prisma.savedSearch.findMany({
    where: { userId: request.caller.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return searches.map(toDetails);
}
listSavedSearches.failures = ["forbidden"] as const;
