import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealRoomFor } from "./deal-room-access.ts";
import { type DealRoomDetails, dealRoomDetails } from "./deal-room-details.ts";

/** A room and its members, for members with current access and admins. */
export async function getDealRoom(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string },
  request: SignedInRequest,
): Promise<DealRoomDetails> {
  const access = await loadDealRoomFor(deps.prisma, input.dealRoomId, request.caller, request.receivedAt);
  return dealRoomDetails(deps.prisma, access);
}
getDealRoom.failures = ["not_found"] as const;
