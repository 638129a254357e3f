import { type JWTPayload, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { signAccessToken, verifyAccessToken } from "../../functions/auth/access-token.ts";
import { TEST_NOW } from "../support/test-clock.ts";

const CLAIMS = {
  userId: "00000000-0000-4000-8000-000000000001",
  role: "BUYER" as const,
  sessionId: "00000000-0000-4000-8000-000000000002",
};
const secret = (text: string) => new TextEncoder().encode(text.padEnd(48, "."));

describe("access tokens", () => {
  // Each secret's key is imported once and kept (access-token.ts): the keys kept must stay apart.
  it("verify with their own secret only, however many secrets' keys are already kept", async () => {
    const first = secret("first secret");
    const second = secret("second secret");
    const fromFirst = await signAccessToken(CLAIMS, first, 900, TEST_NOW);
    const fromSecond = await signAccessToken(CLAIMS, second, 900, TEST_NOW);
    for (let round = 0; round < 2; round += 1) {
      expect(await verifyAccessToken(fromFirst, first, TEST_NOW)).toEqual(CLAIMS);
      expect(await verifyAccessToken(fromSecond, second, TEST_NOW)).toEqual(CLAIMS);
      expect(await verifyAccessToken(fromFirst, second, TEST_NOW)).toBeUndefined();
      expect(await verifyAccessToken(fromSecond, first, TEST_NOW)).toBeUndefined();
      // The same bytes in another object: the same secret.
      expect(await verifyAccessToken(fromFirst, secret("first secret"), TEST_NOW)).toEqual(CLAIMS);
    }
  });

  it("are refused once expired", async () => {
    const key = secret("expiry secret");
    const token = await signAccessToken(CLAIMS, key, 900, TEST_NOW);
    expect(await verifyAccessToken(token, key, new Date(TEST_NOW.getTime() + 899_000))).toEqual(CLAIMS);
    expect(await verifyAccessToken(token, key, new Date(TEST_NOW.getTime() + 901_000))).toBeUndefined();
  });

  describe("made elsewhere", () => {
    const key = secret("elsewhere secret");
    const seconds = Math.floor(TEST_NOW.getTime() / 1000);
    /** A token signed with the right secret, claims as given: what a forger with the key, or a bug, could make. */
    const made = (payload: JWTPayload, issuer = "exitmatch", audience = "exitmatch-api") =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(seconds)
        .setExpirationTime(seconds + 900)
        .sign(key);
    const claims = { sub: CLAIMS.userId, sid: CLAIMS.sessionId, role: "BUYER" };

    it("are accepted with exactly our issuer and audience", async () => {
      expect(await verifyAccessToken(await made(claims), key, TEST_NOW)).toEqual(CLAIMS);
      expect(await verifyAccessToken(await made(claims, "someone-else"), key, TEST_NOW)).toBeUndefined();
      expect(await verifyAccessToken(await made(claims, "exitmatch", "another-api"), key, TEST_NOW)).toBeUndefined();
    });

    it("are refused without a person, a session or a role as text, or with ids we never make", async () => {
      const refused: JWTPayload[] = [
        { sid: claims.sid, role: "BUYER" },
        { sub: claims.sub, role: "BUYER" },
        { sub: claims.sub, sid: claims.sid },
        { ...claims, sub: 42 as never },
        { ...claims, sid: 42 as never },
        { ...claims, role: 1 as never },
        { ...claims, sub: `x${claims.sub}` },
        { ...claims, sub: `${claims.sub}x` },
        { ...claims, sid: claims.sid.slice(0, -1) },
        { ...claims, sub: claims.sub.toUpperCase().replace("0000000", "ABCDEF0") },
      ];
      for (const payload of refused) {
        expect(await verifyAccessToken(await made(payload), key, TEST_NOW), JSON.stringify(payload)).toBeUndefined();
      }
    });
  });

  it("lets a fault that is not about the token through, instead of calling the token refused", async () => {
    const token = await signAccessToken(CLAIMS, secret("fault secret"), 900, TEST_NOW);
    // An empty secret cannot be a key at all: WebCrypto refuses it, and that must not read as "refused".
    await expect(verifyAccessToken(token, new Uint8Array(0), TEST_NOW)).rejects.toThrow(/[Zz]ero-length key/);
  });
});
