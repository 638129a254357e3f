import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { AppError } from "../errors/app-error.ts";
import { activityOrigin, type SignedInRequest } from "../requests/request-context.ts";
import { loadDealRoomFor, requireRole } from "./deal-room-access.ts";
import { type DealRoomDetails, dealRoomDetails } from "./deal-room-details.ts";

/**
 * The room's owner (or an admin) gives someone access, as advisor or viewer, until an expiry or
 * for good. Adding a revoked member again restores them.
 */
export async function addMember(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string; userId: string; role: "ADVISOR" | "VIEWER"; accessExpiresAt: Date | null },
  request: SignedInRequest,
): Promise<DealRoomDetails> {
  const { prisma } = deps;
  const { caller } = request;
  const { userId, role, accessExpiresAt } = input;
  const access = await loadDealRoomFor(prisma, input.dealRoomId, caller, request.receivedAt);
  requireRole(access, ["OWNER"], "manage members");
  if (accessExpiresAt && accessExpiresAt <= request.receivedAt) {
    throw new AppError("validation_failed", undefined, {
      fields: [{ field: "accessExpiresAt", message: "must be in the future" }],
    });
  }
  const person = await prisma.user.findFirst({ where: { id: userId, deletedAt: null, status: "ACTIVE" } });
  if (!person) throw new AppError("not_found", "No such user.");
  // A room always has an owner: the owner's membership is never re-roled through here.
  const existing = await prisma.dealRoomMember.findUnique({
    where: { dealRoomId_userId: { dealRoomId: access.room.id, userId } },
    select: { role: true },
  });
  if (existing?.role === "OWNER") {
    throw new AppError("conflict", "The room's owner keeps the owner role and cannot be re-added.");
  }
  await prisma.dealRoomMember.upsert({
    where: { dealRoomId_userId: { dealRoomId: access.room.id, userId } },
    create: { dealRoomId: access.room.id, userId, role, addedById: caller.id, accessExpiresAt },
    update: { role, accessExpiresAt, revokedAt: null },
  });
  await recordActivity(prisma, {
    userId: caller.id,
    action: ActivityAction.memberAdded,
    entityType: "deal_room",
    entityId: access.room.id,
    ...activityOrigin(request),
    metadata: { memberId: userId, role },
  });
  return dealRoomDetails(prisma, access);
}
addMember.failures = ["not_found", "forbidden", "validation_failed", "conflict"] as const;
