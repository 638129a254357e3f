import type { PrismaClient, User } from "../../generated/prisma/client.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import { enqueueEvent } from "../events/enqueue-event.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadUser } from "./load-user.ts";
import { readableUser } from "./readable-user.ts";

/** An admin lifts a suspension. */
export async function reinstateUser(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  input: { userId: string },
  request: SignedInRequest,
): Promise<User> {
  const user = await loadUser(deps.prisma, input.userId);
  const updated = await deps.prisma.$transaction(async (tx) => {
    const reinstated = await tx.user.update({ where: { id: user.id }, data: { status: "ACTIVE" } });
    await enqueueEvent(tx, "buyer.changed", user.id, request.receivedAt);
    return reinstated;
  });
  return readableUser(deps.fieldCipher, updated);
}
reinstateUser.failures = ["not_found"] as const;
