import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { AppError } from "../errors/app-error.ts";
import { activityOrigin, type SignedInRequest } from "../requests/request-context.ts";
import { loadDealRoomFor, requireRole } from "./deal-room-access.ts";

/** The room's owner (or an admin) ends someone's access; the owner's own cannot be. */
export async function revokeMember(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string; userId: string },
  request: SignedInRequest,
): Promise<void> {
  const { prisma } = deps;
  const { caller } = request;
  const { dealRoomId, userId } = input;
  const access = await loadDealRoomFor(prisma, dealRoomId, caller, request.receivedAt);
  requireRole(access, ["OWNER"], "manage members");
  const member = await prisma.dealRoomMember.findUnique({ where: { dealRoomId_userId: { dealRoomId, userId } } });
  if (!member || member.revokedAt) throw new AppError("not_found", "No such member.");
  if (member.role === "OWNER") throw new AppError("conflict", "The room's owner cannot be removed.");
  await prisma.dealRoomMember.update({ where: { id: member.id }, data: { revokedAt: request.receivedAt } });
  await recordActivity(prisma, {
    userId: caller.id,
    action: ActivityAction.memberRevoked,
    entityType: "deal_room",
    entityId: dealRoomId,
    ...activityOrigin(request),
    metadata: { memberId: userId },
  });
}
revokeMember.failures = ["not_found", "forbidden", "conflict"] as const;
