import type { PrismaClient, User } from "../../generated/prisma/client.ts";
import { revokeAllSessions } from "../auth/sessions.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import { AppError } from "../errors/app-error.ts";
import { enqueueEvent } from "../events/enqueue-event.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadUser } from "./load-user.ts";
import { readableUser } from "./readable-user.ts";

/** An admin locks an account at once: every session is revoked, and the reason is kept. Not for admins. */
export async function suspendUser(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  input: { userId: string; reason: string },
  request: SignedInRequest,
): Promise<User> {
  const { prisma } = deps;
  const user = await loadUser(prisma, input.userId);
  if (user.role === "ADMIN") throw new AppError("conflict", "Admins cannot be suspended here.");
  const updated = await prisma.$transaction(async (tx) => {
    const suspended = await tx.user.update({ where: { id: user.id }, data: { status: "SUSPENDED" } });
    await revokeAllSessions(tx, user.id, request.receivedAt);
    await tx.activityLog.create({
      data: {
        userId: request.caller.id,
        action: "admin.user_suspended",
        entityType: "user",
        entityId: user.id,
        metadata: { reason: input.reason },
        occurredAt: request.receivedAt,
      },
    });
    // A suspended buyer leaves every match (after commit).
    await enqueueEvent(tx, "buyer.changed", user.id, request.receivedAt);
    return suspended;
  });
  return readableUser(deps.fieldCipher, updated);
}
suspendUser.failures = ["not_found", "conflict"] as const;
