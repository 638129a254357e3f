import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { Caller } from "../requests/request-context.ts";
import { type SavedSearchDetails, toDetails } from "./saved-search-details.ts";

/** Saved searches are for buyers (they are alerted about listings to buy). */
export function requireBuyer(caller: Caller) {
  if (caller.role !== "BUYER") throw new AppError("forbidden", "Saved searches are for buyers.");
}

/** The caller's own saved search; anyone else's does not exist for them (404). */
export async function loadOwnSavedSearch(
  prisma: Pick<PrismaClient, "savedSearch">,
  id: string,
  caller: Caller,
): Promise<SavedSearchDetails> {
  requireBuyer(caller);
  const search = await prisma.savedSearch.findFirst({ where: { id, userId: caller.id } });
  if (!search) throw new AppError("not_found", "No such saved search.");
  return toDetails(search);
}
