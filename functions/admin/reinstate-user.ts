import type { PrismaClient, User } from "../../generated/prisma/client.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadUser } from "./load-user.ts";
import { readableUser } from "./readable-user.ts";

/** An admin lifts a suspension. */
export async function reinstateUser(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  input: { userId: string },
  _request: SignedInRequest,
): Promise<User> {
  const user = await loadUser(deps.prisma, input.userId);
  const updated = await deps.prisma.user.update({ where: { id: user.id }, data: { status: "ACTIVE" } });
  return readableUser(deps.fieldCipher, updated);
}
reinstateUser.failures = ["not_found"] as const;
