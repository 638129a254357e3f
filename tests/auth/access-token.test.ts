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
});
