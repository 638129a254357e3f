import type { User } from "../../generated/prisma/client.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";

/** A user as an admin reads them: the stored row with its encrypted phone number decrypted. */
export function readableUser(cipher: FieldCipher, user: User): User {
  return { ...user, phone: cipher.decryptOptional("users.phone", user.phone) };
}
