import type { Prisma } from "../../generated/prisma/client.ts";
import { MIN_INQUIRIES_FOR_RESPONSE_TIME, RESPONSE_WINDOW_DAYS } from "../domain/seller-responsiveness-rules.ts";

/** How quickly a seller answers inquiries, as buyers see it on each of their listings. */
export interface SellerResponsiveness {
  /** The median hours from an inquiry to the seller's first answer; null below the minimum count. */
  medianFirstResponseHours: number | null;
  /** Inquiries counted: received in the window, answered or still waiting. */
  inquiries: number;
  windowDays: number;
}

/**
 * The seller's median time to first answer (accepted or declined) over the inquiries their
 * listings received in the last RESPONSE_WINDOW_DAYS. An inquiry still pending counts with the
 * time it has waited so far (at least that long: silence must not flatter a seller); one the
 * buyer withdrew before any answer does not count. Rounded to whole hours, so the figure does
 * not single out one seller's confidential listings from another's.
 */
export async function sellerResponsiveness(
  prisma: Pick<Prisma.TransactionClient, "$queryRaw">,
  sellerId: string,
  now: Date,
): Promise<SellerResponsiveness> {
  const since = new Date(now.getTime() - RESPONSE_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const [row] = await prisma.$queryRaw<{ inquiries: number; median_seconds: number | null }[]>`
    SELECT count(*)::int AS inquiries,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY waited)::float8 AS median_seconds
    FROM (
      SELECT extract(epoch FROM (CASE WHEN i.status = 'PENDING' THEN ${now}::timestamptz ELSE i.responded_at END) - i.created_at) AS waited
      FROM inquiries i
      JOIN businesses b ON b.id = i.business_id
      WHERE b.seller_id = ${sellerId}::uuid AND i.deleted_at IS NULL
        AND i.created_at > ${since} AND i.created_at <= ${now}
        AND (i.status IN ('PENDING', 'ACCEPTED', 'DECLINED'))
        AND (i.status = 'PENDING' OR i.responded_at IS NOT NULL)
    ) answered`;
  const inquiries = row?.inquiries ?? 0;
  const median = row?.median_seconds ?? null;
  return {
    medianFirstResponseHours:
      inquiries >= MIN_INQUIRIES_FOR_RESPONSE_TIME && median !== null ? Math.round(median / 3600) : null,
    inquiries,
    windowDays: RESPONSE_WINDOW_DAYS,
  };
}
