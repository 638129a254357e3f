import type { DealRoom, DealRoomRole, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { Caller } from "../requests/request-context.ts";

export interface DealRoomAccess {
  room: DealRoom;
  /** The caller's role in the room; admins act as owners. */
  role: DealRoomRole;
}

/**
 * A deal room is visible only to its members whose access is neither revoked nor expired
 * (and to admins); to anyone else it does not exist (404).
 */
export async function loadDealRoomFor(
  prisma: PrismaClient,
  id: string,
  user: Caller,
  now: Date,
): Promise<DealRoomAccess> {
  const room = await prisma.dealRoom.findFirst({ where: { id, deletedAt: null, business: { deletedAt: null } } });
  if (!room) throw new AppError("not_found", "No such deal room.");
  if (user.role === "ADMIN") return { room, role: "OWNER" };
  const member = await prisma.dealRoomMember.findUnique({
    where: { dealRoomId_userId: { dealRoomId: id, userId: user.id } },
  });
  const active = member && !member.revokedAt && (!member.accessExpiresAt || member.accessExpiresAt > now);
  if (!active) throw new AppError("not_found", "No such deal room.");
  return { room, role: member.role };
}

/** Throws forbidden unless the caller's role is one of `roles`. */
export function requireRole(access: DealRoomAccess, roles: readonly DealRoomRole[], action: string) {
  if (!roles.includes(access.role))
    throw new AppError("forbidden", `Your role in this deal room (${access.role}) cannot ${action}.`);
}

/** Active membership filter, for queries. */
export function activeMembershipWhere(userId: string, now: Date) {
  return {
    userId,
    revokedAt: null,
    OR: [{ accessExpiresAt: null }, { accessExpiresAt: { gt: now } }],
  };
}
