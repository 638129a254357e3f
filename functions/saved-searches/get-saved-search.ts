import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadOwnSavedSearch } from "./saved-search-access.ts";
import type { SavedSearchDetails } from "./saved-search-details.ts";

/** One of the caller's saved searches. */
export async function getSavedSearch(
  deps: { prisma: PrismaClient },
  input: { id: string },
  request: SignedInRequest,
): Promise<SavedSearchDetails> {
  return loadOwnSavedSearch(deps.prisma, input.id, request.caller);
}
getSavedSearch.failures = ["forbidden", "not_found"] as const;
