import type { Business, PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { activityOrigin, type RequestContext } from "../requests/request-context.ts";
import { loadBusinessFor } from "./listing-access.ts";
import { type SellerResponsiveness, sellerResponsiveness } from "./seller-responsiveness.ts";

/**
 * Someone, signed in or not, opens a listing: counted as a view unless it is its own seller, and
 * part of a signed-in person's activity. Identifying fields are for those who may see them. With
 * it comes its seller's responsiveness to inquiries.
 */
export async function viewListing(
  deps: { prisma: PrismaClient },
  input: { businessId: string },
  request: RequestContext,
): Promise<{ business: Business; seesIdentity: boolean; sellerResponse: SellerResponsiveness }> {
  const { prisma } = deps;
  const { caller } = request;
  const { business, seesIdentity } = await loadBusinessFor(prisma, input.businessId, caller);
  if (business.sellerId !== caller?.id) {
    // An atomic increment: concurrent views are all counted. Not a content change, so the version stays.
    await prisma.$executeRaw`UPDATE businesses SET view_count = view_count + 1 WHERE id = ${business.id}::uuid`;
    business.viewCount += 1;
  }
  if (caller) {
    await recordActivity(prisma, {
      action: ActivityAction.listingViewed,
      userId: caller.id,
      entityType: "business",
      entityId: business.id,
      ...activityOrigin(request),
    });
  }
  // Buyers' most common complaint is the silent seller: every listing shows how quickly its seller answers.
  const sellerResponse = await sellerResponsiveness(prisma, business.sellerId, request.receivedAt);
  return { business, seesIdentity, sellerResponse };
}
viewListing.failures = ["not_found"] as const;
