import type { Business, PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { AppError } from "../errors/app-error.ts";
import { activityOrigin, type RequestContext } from "../requests/request-context.ts";
import { findListingForView } from "./find-listing-for-view.ts";
import { decideBusinessAccess } from "./listing-access.ts";
import type { ListingViewCounter } from "./listing-view-counter.ts";
import type { SellerResponsiveness } from "./seller-responsiveness.ts";

/**
 * Someone, signed in or not, opens a listing: counted as a view unless it is its own seller, and
 * part of a signed-in person's activity. Identifying fields are for those who may see them. With
 * it comes its seller's responsiveness to inquiries (buyers' most common complaint is the silent
 * seller). The listing, the responsiveness and what the caller's access depends on (advisor,
 * NDA) are one statement; the view is counted in memory (ListingViewCounter). An anonymous visit
 * is that one read; a signed-in one adds its activity row (one insert).
 */
export async function viewListing(
  deps: { prisma: PrismaClient; listingViews: ListingViewCounter },
  input: { businessId: string },
  request: RequestContext,
): Promise<{ business: Business; seesIdentity: boolean; sellerResponse: SellerResponsiveness }> {
  const { prisma, listingViews } = deps;
  const { caller } = request;
  const found = await findListingForView(prisma, input.businessId, request.receivedAt, caller?.id);
  if (!found) throw new AppError("not_found", "No such business.");
  const { business, seesIdentity } = await decideBusinessAccess(found.business, caller, {
    isAdvisor: caller !== undefined && found.advisorUserId === caller.id,
    hasAcceptedNda: () => found.callerHasNda,
  });
  if (business.sellerId !== caller?.id) {
    listingViews.record(business.id);
  }
  // Views this process has counted and not yet written, this one included, show at once.
  business.viewCount += listingViews.notYetWritten(business.id);
  if (caller) {
    await recordActivity(prisma, {
      action: ActivityAction.listingViewed,
      userId: caller.id,
      entityType: "business",
      entityId: business.id,
      ...activityOrigin(request),
    });
  }
  return { business, seesIdentity, sellerResponse: found.sellerResponse };
}
viewListing.failures = ["not_found"] as const;
