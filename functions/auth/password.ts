/**
 * @node-rs/argon2 is a native module, loaded when a password is first hashed or checked: most
 * requests never do, and a Lambda that does not load it starts faster (bench:lambda).
 */
let argon2: Promise<typeof import("@node-rs/argon2")> | undefined;
const loadArgon2 = () => {
  argon2 ??= import("@node-rs/argon2");
  return argon2;
};

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
export async function hashPassword(password: string, salt?: Uint8Array): Promise<string> {
  return (await loadArgon2()).hash(password, salt ? { ...OPTIONS, salt } : OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return (await loadArgon2()).verify(passwordHash, password);
}
