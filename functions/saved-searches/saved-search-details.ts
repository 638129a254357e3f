import type { SavedSearch } from "../../generated/prisma/client.ts";
import type { NotificationDelivery } from "../../generated/prisma/enums.ts";
import type { ListingFilters } from "../listings/search-query.ts";

/** The most saved searches one buyer keeps. */
export const MAX_SAVED_SEARCHES = 20;

/** What a buyer saves: a name, the filters of GET /businesses, and how its alerts are e-mailed. */
export interface SavedSearchFields {
  name: string;
  filters: ListingFilters;
  alertFrequency: NotificationDelivery;
}

/** A saved search as stored, its filters read back. */
export type SavedSearchDetails = Omit<SavedSearch, "filters"> & { filters: ListingFilters };

export function toDetails(search: SavedSearch): SavedSearchDetails {
  return { ...search, filters: search.filters as ListingFilters };
}

/**
 * The GET /businesses query string that runs the search (lists joined by commas, as that
 * endpoint reads them), for a client to open the results.
 */
export function searchQueryString(filters: ListingFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue;
    params.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  return params.toString();
}
