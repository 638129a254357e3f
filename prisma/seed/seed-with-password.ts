import { hashPassword } from "../../functions/auth/password.ts";
import { type Clock, systemClock } from "../../functions/clock/clock.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { FieldCipher } from "../../functions/crypto/field-cipher.ts";
import { fieldKeyringFrom } from "../../functions/crypto/field-keyring.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { DEVELOPMENT_PASSWORD } from "./seed-data.ts";
import { type SeedSummary, seedDatabase, seedTimeline } from "./seed-database.ts";

/**
 * A fixed salt makes the seed byte-for-byte reproducible. Acceptable only because the
 * password it protects is public development data.
 */
const DEVELOPMENT_SALT = new TextEncoder().encode("exitmatch-development-seed");

/**
 * Seeds with the development password, hashed once for all accounts (argon2id). Personal fields
 * are encrypted with the configured keys (the development key when none are set). Dates are
 * relative to the clock's day (seedTimeline).
 */
export async function seedWithDevelopmentPassword(
  prisma: PrismaClient,
  onProgress?: (message: string) => void,
  cipher: FieldCipher = new FieldCipher(fieldKeyringFrom(loadEnvironment())),
  clock: Clock = systemClock,
): Promise<SeedSummary> {
  const passwordHash = await hashPassword(DEVELOPMENT_PASSWORD, DEVELOPMENT_SALT);
  return seedDatabase(prisma, { passwordHash, cipher, timeline: seedTimeline(clock.now()) }, onProgress);
}
