import type { PrismaClient, User } from "../../generated/prisma/client.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadUser } from "./load-user.ts";
import { readableUser } from "./readable-user.ts";

/** An admin records that a person's identity was checked, and by whom. */
export async function verifyUser(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  input: { userId: string },
  request: SignedInRequest,
): Promise<User> {
  const user = await loadUser(deps.prisma, input.userId);
  const updated = await deps.prisma.user.update({
    where: { id: user.id },
    data: { verifiedAt: request.receivedAt, verifiedById: request.caller.id },
  });
  return readableUser(deps.fieldCipher, updated);
}
verifyUser.failures = ["not_found"] as const;
