import type { DealRoom, DealRoomRole, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { DealRoomAccess } from "./deal-room-access.ts";

/** The roles on a buyer's side of a room: paused while the seller is exclusive with another buyer. */
const BUYER_SIDE: readonly DealRoomRole[] = ["BUYER", "VIEWER"];

/**
 * While the seller is in exclusivity with one buyer (issue 28), every other buyer's deal room is
 * paused for its buyer's side: no downloads, no views, and no documents added since exclusivity
 * began (not listed, not notified). The exclusive buyer's room, and the seller's side everywhere,
 * are untouched. Returns when the pause began, or null when the room is not paused for `role`.
 */
export async function pausedSince(
  prisma: Pick<PrismaClient, "exclusivity" | "inquiry">,
  room: Pick<DealRoom, "businessId" | "inquiryId">,
  role: DealRoomRole,
): Promise<Date | null> {
  if (!BUYER_SIDE.includes(role)) return null;
  const exclusivity = await prisma.exclusivity.findFirst({
    where: { businessId: room.businessId, endedAt: null },
    select: { startsAt: true, deal: { select: { buyerId: true } } },
  });
  if (!exclusivity) return null;
  const roomBuyer = room.inquiryId
    ? await prisma.inquiry.findUnique({ where: { id: room.inquiryId }, select: { buyerId: true } })
    : null;
  return roomBuyer?.buyerId === exclusivity.deal.buyerId ? null : exclusivity.startsAt;
}

/** Refuses to open a document while the room is paused for the caller. */
export async function refuseWhilePaused(prisma: PrismaClient, access: DealRoomAccess): Promise<void> {
  if (await pausedSince(prisma, access.room, access.role)) {
    throw new AppError(
      "deal_room_paused",
      "The seller has entered exclusivity with another party: this deal room is paused until it ends.",
    );
  }
}
