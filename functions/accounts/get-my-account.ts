import type { PrismaClient, User } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

/** The signed-in person's own account. */
export async function getMyAccount(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
): Promise<User> {
  return deps.prisma.user.findUniqueOrThrow({ where: { id: request.caller.id } });
}
getMyAccount.failures = [] as const;
