import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { FieldKeyring } from "./field-keyring.ts";

/**
 * The columns held encrypted, named as table.column. The name is bound into every ciphertext as
 * additional authenticated data, so a value copied into another column fails to decrypt.
 */
export const ENCRYPTED_COLUMNS = [
  "users.phone",
  "advisor_profiles.aml_registration_number",
  "inquiries.nda_accepted_ip",
  "deal_signatures.ip_address",
] as const;
export type EncryptedColumn = (typeof ENCRYPTED_COLUMNS)[number];

/** Stored values look like `v1:<key id>:<iv>:<ciphertext and tag>` (base64url parts). */
const FORMAT_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored value that is not ours, was altered, or was encrypted with a key we no longer hold. */
export class FieldDecryptionError extends Error {
  constructor(column: EncryptedColumn, reason: string) {
    super(`Cannot decrypt ${column}: ${reason}`);
    this.name = "FieldDecryptionError";
  }
}

/** Whether a stored value is in our encrypted format (anything else is legacy plain text). */
export function isEncryptedValue(stored: string): boolean {
  return stored.startsWith(`${FORMAT_VERSION}:`);
}

/** The key id a stored value was encrypted with, or undefined for plain text. */
export function keyIdOf(stored: string): string | undefined {
  return isEncryptedValue(stored) ? stored.split(":")[1] : undefined;
}

/**
 * Field-level encryption for personal data: AES-256-GCM (authenticated, so tampering is
 * detected), a fresh random IV per value, and the key id in the value, so keys can rotate: new
 * writes use the active key, old values decrypt with the key they name until
 * `npm run encryption:rotate` re-encrypts them.
 */
export class FieldCipher {
  constructor(private readonly keyring: FieldKeyring) {}

  get activeKeyId(): string {
    return this.keyring.activeKeyId;
  }

  encrypt(column: EncryptedColumn, plaintext: string): string {
    const key = this.keyring.keys.get(this.keyring.activeKeyId)!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(column));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return [FORMAT_VERSION, this.keyring.activeKeyId, iv.toString("base64url"), body.toString("base64url")].join(":");
  }

  encryptOptional(column: EncryptedColumn, plaintext: string | null | undefined): string | null {
    return plaintext === null || plaintext === undefined ? null : this.encrypt(column, plaintext);
  }

  decrypt(column: EncryptedColumn, stored: string): string {
    const parts = stored.split(":");
    if (parts.length !== 4 || parts[0] !== FORMAT_VERSION) {
      throw new FieldDecryptionError(column, "not an encrypted value");
    }
    const [, keyId, ivText, bodyText] = parts as [string, string, string, string];
    const key = this.keyring.keys.get(keyId);
    if (!key) throw new FieldDecryptionError(column, `key "${keyId}" is not configured`);
    const iv = Buffer.from(ivText, "base64url");
    const body = Buffer.from(bodyText, "base64url");
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new FieldDecryptionError(column, "malformed value");
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, iv);
      decipher.setAAD(Buffer.from(column));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      throw new FieldDecryptionError(column, "authentication failed (altered, or moved from another column)");
    }
  }

  decryptOptional(column: EncryptedColumn, stored: string | null): string | null {
    return stored === null ? null : this.decrypt(column, stored);
  }

  /** Whether a stored value is already encrypted with the active key (nothing for rotation to do). */
  isCurrent(stored: string): boolean {
    return keyIdOf(stored) === this.keyring.activeKeyId;
  }

  /**
   * A keyed hash of a normalised value, stored beside the ciphertext so equality lookups still
   * work ("which account has this phone number?") without decrypting every row. Keyed (HMAC),
   * so nobody without the key can test guesses against the index.
   */
  blindIndex(column: EncryptedColumn, normalisedValue: string): string {
    return createHmac("sha256", this.keyring.blindIndexKey).update(`${column}\0${normalisedValue}`).digest("base64url");
  }
}
