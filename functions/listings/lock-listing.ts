import type { Prisma } from "../../generated/prisma/client.ts";

/**
 * Locks the listing's row for the rest of the transaction. Every change to the offers on a
 * listing takes it first: an acceptance freezes the other offers, and a counter-offer or a
 * withdrawal running at the same time would otherwise hold an offer's row while waiting for the
 * listing's (a deadlock). A new offer made as another is accepted sees that acceptance.
 */
export async function lockListing(tx: Prisma.TransactionClient, businessId: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT 1 FROM "businesses" WHERE id = $1::uuid FOR UPDATE`, businessId);
}
