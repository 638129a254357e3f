import { type Business, Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { BUSINESS_COLUMNS_OF_B } from "./business-columns.ts";
import {
  type SellerResponsiveness,
  type SellerResponsivenessColumns,
  sellerResponsivenessSql,
  toSellerResponsiveness,
} from "./seller-responsiveness.ts";

/** The statement findListingForView runs (the request benchmark's baseline runs it too). */
export function listingForViewSql(businessId: string, now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT ${BUSINESS_COLUMNS_OF_B}, r.response_inquiries, r.response_median_seconds
    FROM businesses b
    LEFT JOIN LATERAL (${sellerResponsivenessSql(Prisma.sql`b.seller_id`, now)}) r ON true
    WHERE b.id = ${businessId}::uuid AND b.deleted_at IS NULL`;
}

/**
 * A listing (not deleted) with its seller's responsiveness as of `now`, in one statement: the
 * public listing page is the busiest read on the site, so it costs one round trip. Who may see
 * it is decided afterwards (accessToBusiness).
 */
export async function findListingForView(
  prisma: Pick<PrismaClient, "$queryRaw">,
  businessId: string,
  now: Date,
): Promise<{ business: Business; sellerResponse: SellerResponsiveness } | undefined> {
  const [row] = await prisma.$queryRaw<(Business & SellerResponsivenessColumns)[]>(listingForViewSql(businessId, now));
  if (!row) return undefined;
  const { response_inquiries, response_median_seconds, ...business } = row;
  return { business, sellerResponse: toSellerResponsiveness({ response_inquiries, response_median_seconds }) };
}
