import { z } from "@hono/zod-openapi";
import { NotificationDelivery } from "../../../../generated/prisma/enums.ts";
import { type SavedSearchDetails, searchQueryString } from "../../../saved-searches/saved-search-details.ts";
import { ListingFiltersSchema } from "../businesses/search-params.ts";
import { uuid } from "../uuid.ts";

export const SavedSearchInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    filters: ListingFiltersSchema,
    alertFrequency: z
      .enum(NotificationDelivery)
      .openapi({ description: "How alerts are e-mailed: IMMEDIATE, DAILY_DIGEST, or OFF (no alerts)" }),
  })
  .strict()
  .openapi("SavedSearchInput");

export const SavedSearchSchema = z
  .object({
    id: uuid(),
    name: z.string(),
    filters: ListingFiltersSchema,
    alertFrequency: z.enum(NotificationDelivery),
    searchQuery: z.string().openapi({ description: "The GET /businesses query string that runs it" }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("SavedSearch");

export function toSavedSearchResponse(search: SavedSearchDetails): z.infer<typeof SavedSearchSchema> {
  return {
    id: search.id,
    name: search.name,
    filters: search.filters,
    alertFrequency: search.alertFrequency,
    searchQuery: searchQueryString(search.filters),
    createdAt: search.createdAt.toISOString(),
    updatedAt: search.updatedAt.toISOString(),
  };
}
