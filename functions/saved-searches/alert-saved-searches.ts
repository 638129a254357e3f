import { Prisma } from "../../generated/prisma/client.ts";
import { type ListingFilters, listingFilterConditions } from "../listings/search-query.ts";
import { type NewNotification, notify } from "../notifications/notify.ts";

/** Saved searches checked against a listing per statement. */
const SEARCHES_PER_STATEMENT = 200;

interface AlertingSearch {
  id: string;
  user_id: string;
  name: string;
  filters: ListingFilters;
  alert_frequency: "IMMEDIATE" | "DAILY_DIGEST";
}

/**
 * Alerts the buyers whose saved searches listing `businessId` matches now (after it was
 * published or edited), once per buyer and listing, ever: the notification's key is the listing,
 * so a listing edited again, or matching a second search of theirs, is not news. Whether it
 * matches is decided by the same SQL conditions GET /businesses filters with
 * (listingFilterConditions), a batch of searches per statement. Runs in the caller's transaction.
 */
export async function alertSavedSearches(
  tx: Prisma.TransactionClient,
  businessId: string,
  now: Date,
  options: { searchesPerStatement?: number } = {},
): Promise<{ notified: number; emailed: number }> {
  const perStatement = options.searchesPerStatement ?? SEARCHES_PER_STATEMENT;
  const listing = await tx.business.findUnique({ where: { id: businessId }, select: { title: true } });
  if (!listing) return { notified: 0, emailed: 0 };
  // Live buyers' searches with alerts on, not yet alerted about this listing.
  const searches = await tx.$queryRaw<AlertingSearch[]>`
    SELECT s.id::text, s.user_id::text, s.name, s.filters, s.alert_frequency::text AS alert_frequency
    FROM saved_searches s
    JOIN users u ON u.id = s.user_id AND u.deleted_at IS NULL AND u.status = 'ACTIVE' AND u.role = 'BUYER'
    WHERE s.alert_frequency <> 'OFF'
      AND NOT EXISTS (
        SELECT 1 FROM notifications n WHERE n.user_id = s.user_id AND n.dedupe_key = ${`saved-search:${businessId}`})
    ORDER BY s.created_at, s.id`;
  const matching = new Set<AlertingSearch>();
  for (let start = 0; start < searches.length; start += perStatement) {
    const batch = searches.slice(start, start + perStatement);
    const checks = batch.map(
      (search, index) =>
        Prisma.sql`SELECT ${index}::int AS index FROM businesses
                   WHERE id = ${businessId}::uuid AND ${Prisma.join(listingFilterConditions(search.filters), " AND ")}`,
    );
    const rows = await tx.$queryRaw<{ index: number }[]>`${Prisma.join(checks, " UNION ALL ")}`;
    for (const row of rows) matching.add(batch[row.index]!);
  }
  // One alert per buyer: their oldest matching search names it (`searches` is oldest first;
  // UNION ALL keeps no order, so the rows' order is not used).
  const firstPerBuyer = new Map<string, AlertingSearch>();
  for (const search of searches) {
    if (matching.has(search) && !firstPerBuyer.has(search.user_id)) firstPerBuyer.set(search.user_id, search);
  }
  const notifications: NewNotification[] = [...firstPerBuyer.values()].map((search) => ({
    userId: search.user_id,
    topic: "SAVED_SEARCH_ALERTS",
    dedupeKey: `saved-search:${businessId}`,
    title: `New for "${search.name}": ${listing.title}`,
    body: `"${listing.title}" now matches your saved search "${search.name}".`,
    link: `/businesses/${businessId}`,
    delivery: search.alert_frequency,
  }));
  return notify(tx, notifications, now);
}
