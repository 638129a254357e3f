import { Prisma } from "../../generated/prisma/client.ts";
import { MIN_INQUIRIES_FOR_RESPONSE_TIME, RESPONSE_WINDOW_DAYS } from "../domain/seller-responsiveness-rules.ts";

/** How quickly a seller answers inquiries, as buyers see it on each of their listings. */
export interface SellerResponsiveness {
  /** The median hours from an inquiry to the seller's first answer; null below the minimum count. */
  medianFirstResponseHours: number | null;
  /** Inquiries counted: received in the window, answered or still waiting. */
  inquiries: number;
  windowDays: number;
}

/** The columns sellerResponsivenessSql adds to a row. */
export interface SellerResponsivenessColumns {
  response_inquiries: number | null;
  response_median_seconds: number | null;
}

/**
 * A subquery (for a LATERAL join) giving the seller's count of inquiries and median seconds to a
 * first answer (accepted or declined) over the inquiries their listings received in the last
 * RESPONSE_WINDOW_DAYS. An inquiry still pending counts with the time it has waited so far (at
 * least that long: silence must not flatter a seller); one the buyer withdrew before any answer
 * does not count. `sellerId` is the outer query's seller column, so the figure comes with the
 * listing in the same statement.
 */
export function sellerResponsivenessSql(sellerId: Prisma.Sql, now: Date): Prisma.Sql {
  const since = new Date(now.getTime() - RESPONSE_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  return Prisma.sql`
    SELECT count(*)::int AS response_inquiries,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY waited)::float8 AS response_median_seconds
    FROM (
      SELECT extract(epoch FROM (CASE WHEN i.status = 'PENDING' THEN ${now}::timestamptz ELSE i.responded_at END) - i.created_at) AS waited
      FROM inquiries i
      JOIN businesses sb ON sb.id = i.business_id
      WHERE sb.seller_id = ${sellerId} AND i.deleted_at IS NULL
        AND i.created_at > ${since}::timestamptz AND i.created_at <= ${now}::timestamptz
        AND (i.status IN ('PENDING', 'ACCEPTED', 'DECLINED'))
        AND (i.status = 'PENDING' OR i.responded_at IS NOT NULL)
    ) answered`;
}

/**
 * The figure buyers see: the median rounded to whole hours, so it does not single out one
 * seller's confidential listings from another's, and shown only from a minimum count.
 */
export function toSellerResponsiveness(row: SellerResponsivenessColumns): SellerResponsiveness {
  const inquiries = row.response_inquiries ?? 0;
  const median = row.response_median_seconds;
  return {
    medianFirstResponseHours:
      inquiries >= MIN_INQUIRIES_FOR_RESPONSE_TIME && median !== null ? Math.round(median / 3600) : null,
    inquiries,
    windowDays: RESPONSE_WINDOW_DAYS,
  };
}
