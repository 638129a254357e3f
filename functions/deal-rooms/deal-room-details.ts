import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { DealRoomAccess } from "./deal-room-access.ts";

/** A room as its members see it: the caller's role and everyone who has (or had) access. */
export async function dealRoomDetails(prisma: PrismaClient, access: DealRoomAccess) {
  const members = await prisma.dealRoomMember.findMany({
    where: { dealRoomId: access.room.id },
    include: { user: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return { room: access.room, myRole: access.role, members };
}

export type DealRoomDetails = Awaited<ReturnType<typeof dealRoomDetails>>;
