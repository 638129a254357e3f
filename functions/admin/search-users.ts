import type { PrismaClient, User } from "../../generated/prisma/client.ts";
import type { UserRole, UserStatus } from "../../generated/prisma/enums.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import { phoneBlindIndex } from "../crypto/phone-number.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { readableUser } from "./readable-user.ts";

export interface UserSearch {
  /** Part of an email address or name, any case. */
  q?: string | undefined;
  /** A phone number however spaced: matched exactly through its blind index. */
  phone?: string | undefined;
  role?: UserRole | undefined;
  status?: UserStatus | undefined;
  /** The last email of the previous page. */
  after?: string | undefined;
  limit: number;
}

/** An admin searches people, ordered by email. */
export async function searchUsers(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  search: UserSearch,
  _request: SignedInRequest,
): Promise<User[]> {
  const { q, phone, role, status, after, limit } = search;
  const users = await deps.prisma.user.findMany({
    where: {
      deletedAt: null,
      ...(phone ? { phoneBlindIndex: phoneBlindIndex(deps.fieldCipher, phone) } : {}),
      ...(q
        ? { OR: [{ email: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] }
        : {}),
      ...(role ? { role } : {}),
      ...(status ? { status } : {}),
      ...(after ? { email: { gt: after } } : {}),
    },
    orderBy: { email: "asc" },
    take: limit,
  });
  return users.map((user) => readableUser(deps.fieldCipher, user));
}
searchUsers.failures = [] as const;
