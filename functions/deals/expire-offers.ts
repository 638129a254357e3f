import type { PrismaClient } from "../../generated/prisma/client.ts";
import { notify } from "../notifications/notify.ts";
import { offerExpired } from "../notifications/offer-notifications.ts";

const BATCH_SIZE = 200;

/**
 * Live offers past their open-until time expire (a scheduled job in the cloud, the dispatcher under
 * `npm start`), on hold or not: an offer on hold past its time is expired when it would have been
 * answerable again. Recorded as ending at its open-until time, however late the job runs; both
 * sides are told. Rows another transaction holds (an answer in progress) are left for the next run.
 * Run it in a system session (it reads every listing's offers).
 */
export async function expireOffers(
  deps: { prisma: PrismaClient },
  now: Date,
  options: { batchSize?: number } = {},
): Promise<{ expired: number }> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  let expired = 0;
  for (;;) {
    const count = await deps.prisma.$transaction(async (tx) => {
      const due = await tx.$queryRaw<
        { id: string; buyer_id: string; title: string; seller_id: string; advisor_user_id: string | null }[]
      >`
        WITH due AS (
          SELECT o.id FROM "offers" o
          WHERE o.status IN ('AWAITING_SELLER', 'AWAITING_BUYER') AND o.open_until <= ${now}
          ORDER BY o.open_until
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED
        ), ended AS (
          UPDATE "offers" o SET status = 'EXPIRED', ended_at = o.open_until, frozen_at = NULL, updated_at = ${now}
          FROM due WHERE o.id = due.id
          RETURNING o.id, o.buyer_id, o.business_id
        )
        SELECT ended.id::text, ended.buyer_id::text, b.title, b.seller_id::text, a.user_id::text AS advisor_user_id
        FROM ended
        JOIN "businesses" b ON b.id = ended.business_id
        LEFT JOIN "advisor_profiles" a ON a.id = b.advisor_id`;
      await notify(
        tx,
        due.flatMap((offer) =>
          offerExpired({
            id: offer.id,
            buyerId: offer.buyer_id,
            business: {
              title: offer.title,
              sellerId: offer.seller_id,
              advisor: offer.advisor_user_id ? { userId: offer.advisor_user_id } : null,
            },
          }),
        ),
        now,
      );
      return due.length;
    });
    expired += count;
    if (count < batchSize) return { expired };
  }
}
