import type { PrismaClient, User } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";

/** A live (not deleted) user, or not_found. */
export async function loadUser(prisma: PrismaClient, id: string): Promise<User> {
  const user = await prisma.user.findFirst({ where: { id, deletedAt: null } });
  if (!user) throw new AppError("not_found", "No such user.");
  return user;
}
