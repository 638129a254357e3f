import type { Prisma } from "../../generated/prisma/client.ts";

/** A deal room's default name: the first three words of the listing's title. */
export function dealRoomName(listingTitle: string): string {
  return `Project ${listingTitle.split(/\s+/).slice(0, 3).join(" ")}`;
}

/**
 * Opens the deal room of an accepted inquiry, inside the transaction that accepts it: the seller
 * as owner and the listing's advisor, if any, as advisor. The buyer joins when they accept the NDA.
 */
export async function openDealRoom(
  tx: Prisma.TransactionClient,
  inquiry: { id: string; businessId: string; business: { title: string; sellerId: string } },
  advisorUserId: string | undefined,
) {
  const { sellerId } = inquiry.business;
  return tx.dealRoom.create({
    data: {
      businessId: inquiry.businessId,
      inquiryId: inquiry.id,
      name: dealRoomName(inquiry.business.title),
      members: {
        create: [
          { userId: sellerId, role: "OWNER" },
          ...(advisorUserId ? [{ userId: advisorUserId, role: "ADVISOR" as const, addedById: sellerId }] : []),
        ],
      },
    },
  });
}
