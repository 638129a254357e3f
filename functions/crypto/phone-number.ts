import type { FieldCipher } from "./field-cipher.ts";

/**
 * One spelling per UK phone number, so the blind index matches however it was typed:
 * "+44 (0)161 496 0201", "0161 496 0201" and "+441614960201" all become "+441614960201".
 */
export function normalisePhoneNumber(phone: string): string {
  const digits = phone.replace(/\(0\)/g, "").replace(/[^\d+]/g, "");
  if (digits.startsWith("+")) return digits;
  if (digits.startsWith("00")) return `+${digits.slice(2)}`;
  if (digits.startsWith("0")) return `+44${digits.slice(1)}`;
  return digits;
}

/** The users table's phone columns for a number: its ciphertext and its blind index. */
export function userPhoneColumns(
  cipher: FieldCipher,
  phone: string | null,
): { phone: string | null; phoneBlindIndex: string | null } {
  if (phone === null) return { phone: null, phoneBlindIndex: null };
  return { phone: cipher.encrypt("users.phone", phone), phoneBlindIndex: phoneBlindIndex(cipher, phone) };
}

export function phoneBlindIndex(cipher: FieldCipher, phone: string): string {
  return cipher.blindIndex("users.phone", normalisePhoneNumber(phone));
}
