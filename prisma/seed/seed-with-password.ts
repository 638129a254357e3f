import { hashPassword } from "../../functions/auth/password.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { DEVELOPMENT_PASSWORD } from "./seed-data.ts";
import { type SeedSummary, seedDatabase } from "./seed-database.ts";

/**
 * A fixed salt makes the seed byte-for-byte reproducible. Acceptable only because the
 * password it protects is public development data.
 */
const DEVELOPMENT_SALT = new TextEncoder().encode("exitmatch-development-seed");

/** Seeds with the development password, hashed once for all accounts (argon2id). */
export async function seedWithDevelopmentPassword(
  prisma: PrismaClient,
  onProgress?: (message: string) => void,
): Promise<SeedSummary> {
  return seedDatabase(prisma, await hashPassword(DEVELOPMENT_PASSWORD, DEVELOPMENT_SALT), onProgress);
}
