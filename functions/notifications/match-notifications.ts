import type { Prisma } from "../../generated/prisma/client.ts";
import { DEFAULT_MIN_MATCH_SCORE } from "./notification-topics.ts";
import { type NewNotification, notify } from "./notify.ts";

/**
 * Tells buyers about a listing that newly matches their profile at or above their threshold
 * (NEW_MATCHES; 80 unless they chose another). Only a listing's change notifies: a buyer who
 * saves their profile sees their matches at once and is not e-mailed about each. Once per buyer
 * and listing, ever (the dedupe key): a listing that leaves and matches again is not news.
 */
export async function notifyNewListingMatches(
  tx: Pick<Prisma.TransactionClient, "$queryRaw" | "$queryRawUnsafe">,
  businessId: string,
  buyerProfileIds: readonly string[],
  now: Date,
): Promise<{ notified: number; emailed: number }> {
  if (buyerProfileIds.length === 0) return { notified: 0, emailed: 0 };
  const worthTelling = await tx.$queryRaw<{ user_id: string; score: number; title: string }[]>`
    SELECT bp.user_id::text, m.score, b.title
    FROM matches m
    JOIN buyer_profiles bp ON bp.id = m.buyer_profile_id
    JOIN businesses b ON b.id = m.business_id
    LEFT JOIN notification_preferences p ON p.user_id = bp.user_id AND p.topic = 'NEW_MATCHES'
    WHERE m.business_id = ${businessId}::uuid
      AND m.buyer_profile_id = ANY(${buyerProfileIds}::uuid[])
      AND m.score >= coalesce(p.min_match_score, ${DEFAULT_MIN_MATCH_SCORE})
      AND p.delivery IS DISTINCT FROM 'OFF'`;
  const notifications: NewNotification[] = worthTelling.map((match) => ({
    userId: match.user_id,
    topic: "NEW_MATCHES",
    dedupeKey: `match:${businessId}`,
    title: `New match (${match.score}/100): ${match.title}`,
    body: `"${match.title}" matches your acquisition profile with a score of ${match.score} out of 100. See why, criterion by criterion.`,
    link: `/businesses/${businessId}`,
  }));
  return notify(tx, notifications, now);
}
