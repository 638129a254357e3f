import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { activityOrigin, type RequestContext } from "../requests/request-context.ts";
import {
  buildSearchSql,
  encodeCursor,
  type ListingSearch,
  runSearchStatements,
  type SearchRow,
} from "./search-query.ts";

export interface ListingPage {
  rows: SearchRow[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

const keyText = (key: SearchRow["sort_key"]) => (key instanceof Date ? key.toISOString() : String(key));

/**
 * One page of the public listing search, read from the replica when there is one. A signed-in
 * person's searches are part of their activity; anonymous ones are not recorded.
 */
export async function searchListings(
  deps: { prisma: PrismaClient; readOnlyPrisma: PrismaClient },
  search: ListingSearch,
  request: RequestContext,
): Promise<ListingPage> {
  const { statements, sort } = buildSearchSql(search);
  // One row more than the page: its presence says there is a next page.
  const rows = await runSearchStatements(statements, search.limit, (sql) =>
    deps.readOnlyPrisma.$queryRaw<SearchRow[]>(sql),
  );
  if (request.caller) {
    await recordActivity(deps.prisma, {
      action: ActivityAction.listingsSearched,
      userId: request.caller.id,
      ...activityOrigin(request),
      metadata: { query: Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined)) },
    });
  }
  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      rows.length > search.limit && last ? encodeCursor({ sort, key: keyText(last.sort_key), id: last.id }) : null,
  };
}
searchListings.failures = ["validation_failed"] as const;
