import { hash, verify } from "@node-rs/argon2";

/** `Algorithm.Argon2id` (a const enum the package declares ambiently, so it is spelled out). */
const ARGON2ID = 2;

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane): strong enough for
 * passwords, cheap enough (~50 ms) for a login endpoint and a Lambda.
 */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * @param salt only for reproducible fixtures (the seed's public development password); real
 *   passwords always get a fresh random salt.
 */
export function hashPassword(password: string, salt?: Uint8Array): Promise<string> {
  return hash(password, salt ? { ...OPTIONS, salt } : OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}
