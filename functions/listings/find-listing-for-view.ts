import { type Business, Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { BUSINESS_COLUMNS_OF_B } from "./business-columns.ts";
import {
  type SellerResponsiveness,
  type SellerResponsivenessColumns,
  sellerResponsivenessSql,
  toSellerResponsiveness,
} from "./seller-responsiveness.ts";

/**
 * The statement findListingForView runs (the request benchmark's baseline runs it too). With a
 * caller, it also answers what deciding their access needs (listing-access.ts): whether they are
 * the listing's advisor, and whether they hold an accepted NDA for it.
 */
export function listingForViewSql(businessId: string, now: Date, callerId?: string): Prisma.Sql {
  // An anonymous visitor is nobody's advisor and holds no NDA: the busiest read skips both lookups.
  const accessFacts = callerId
    ? Prisma.sql`(SELECT ap.user_id::text FROM advisor_profiles ap
                   WHERE ap.id = b.advisor_id AND ap.deleted_at IS NULL) AS advisor_user_id,
                 EXISTS (SELECT 1 FROM inquiries i
                          WHERE i.business_id = b.id AND i.buyer_id = ${callerId}::uuid
                            AND i.status = 'ACCEPTED' AND i.nda_accepted_at IS NOT NULL
                            AND i.deleted_at IS NULL) AS caller_has_nda`
    : Prisma.sql`NULL::text AS advisor_user_id, false AS caller_has_nda`;
  return Prisma.sql`
    SELECT ${BUSINESS_COLUMNS_OF_B}, r.response_inquiries, r.response_median_seconds, ${accessFacts}
    FROM businesses b
    LEFT JOIN LATERAL (${sellerResponsivenessSql(Prisma.sql`b.seller_id`, now)}) r ON true
    WHERE b.id = ${businessId}::uuid AND b.deleted_at IS NULL`;
}

export interface ListingForView {
  business: Business;
  sellerResponse: SellerResponsiveness;
  /** The user behind the listing's advisor profile, if it has a live one. */
  advisorUserId: string | null;
  /** Whether the caller holds an accepted NDA for it (false without a caller). */
  callerHasNda: boolean;
}

/**
 * A listing (not deleted) with its seller's responsiveness as of `now`, and what deciding the
 * caller's access needs, in one statement: the listing page is the busiest read on the site, so
 * it costs one round trip, signed in or not. Who may see it is decided afterwards
 * (decideBusinessAccess).
 */
export async function findListingForView(
  prisma: Pick<PrismaClient, "$queryRaw">,
  businessId: string,
  now: Date,
  callerId?: string,
): Promise<ListingForView | undefined> {
  const [row] = await prisma.$queryRaw<
    (Business & SellerResponsivenessColumns & { advisor_user_id: string | null; caller_has_nda: boolean })[]
  >(listingForViewSql(businessId, now, callerId));
  if (!row) return undefined;
  const { response_inquiries, response_median_seconds, advisor_user_id, caller_has_nda, ...business } = row;
  return {
    business,
    sellerResponse: toSellerResponsiveness({ response_inquiries, response_median_seconds }),
    advisorUserId: advisor_user_id,
    callerHasNda: caller_has_nda,
  };
}
