import type { DealRoom, PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { activeMembershipWhere } from "./deal-room-access.ts";

/** The rooms where the caller's access is current (not revoked or expired); admins see all. */
export async function listDealRooms(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
): Promise<DealRoom[]> {
  const { caller } = request;
  return deps.prisma.dealRoom.findMany({
    where: {
      deletedAt: null,
      ...(caller.role === "ADMIN" ? {} : { members: { some: activeMembershipWhere(caller.id, request.receivedAt) } }),
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
}
listDealRooms.failures = [] as const;
