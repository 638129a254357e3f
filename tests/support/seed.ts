import type { FieldCipher } from "../../functions/crypto/field-cipher.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { seedWithDevelopmentPassword } from "../../prisma/seed/seed-with-password.ts";
import { testClock } from "./test-clock.ts";

/** The development seed as of TEST_NOW, so seeded dates are the same whatever the day. */
export function seedTestData(prisma: PrismaClient, cipher?: FieldCipher) {
  return seedWithDevelopmentPassword(prisma, undefined, cipher, testClock());
}
