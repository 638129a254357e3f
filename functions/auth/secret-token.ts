import { createHash, randomBytes } from "node:crypto";

/** A random, URL-safe secret (256 bits) for refresh, verification and reset tokens. */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Tokens are stored only as SHA-256 hashes: a leaked table does not yield usable tokens. (A
 * fast hash is right here: the tokens are long random values, not guessable passwords.)
 */
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
