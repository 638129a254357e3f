import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadOwnSavedSearch } from "./saved-search-access.ts";

/** Deletes one of the caller's saved searches (its past alerts stay in their notifications). */
export async function deleteSavedSearch(
  deps: { prisma: PrismaClient },
  input: { id: string },
  request: SignedInRequest,
): Promise<void> {
  const search = await loadOwnSavedSearch(deps.prisma, input.id, request.caller);
  await deps.prisma.savedSearch.delete({ where: { id: search.id } });
}
deleteSavedSearch.failures = ["forbidden", "not_found"] as const;
