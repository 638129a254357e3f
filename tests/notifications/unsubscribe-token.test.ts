import { describe, expect, it } from "vitest";
import { unsubscribeKey } from "../../functions/config/app-config.ts";
import { readUnsubscribeToken, unsubscribeToken } from "../../functions/notifications/unsubscribe-token.ts";

const key = unsubscribeKey(new TextEncoder().encode("a-server-secret-for-this-test-only-32-chars"));
const otherKey = unsubscribeKey(new TextEncoder().encode("another-server-secret-for-this-test-32-chars"));
const PERSON = "3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b";

describe("unsubscribe link tokens", () => {
  it("say whose topic they turn off, and nothing else", () => {
    expect(readUnsubscribeToken(key, unsubscribeToken(key, PERSON, "NEW_MATCHES"))).toEqual({
      userId: PERSON,
      scope: "NEW_MATCHES",
    });
    expect(readUnsubscribeToken(key, unsubscribeToken(key, PERSON, "DAILY_DIGEST"))?.scope).toBe("DAILY_DIGEST");
  });

  it("refuse a token edited, signed with another key, or malformed", () => {
    const token = unsubscribeToken(key, PERSON, "NEW_MATCHES");
    const otherPerson = "4f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b";
    for (const forged of [
      token.replace("NEW_MATCHES", "INQUIRY_RECEIVED"),
      token.replace(PERSON, otherPerson),
      unsubscribeToken(otherKey, PERSON, "NEW_MATCHES"),
      `${token}.extra`,
      token.slice(0, -2),
      "",
      "not-a-token",
      `${PERSON}.NEW_MATCHES`,
      `${PERSON}.NEW_MATCHES.`,
      `.NEW_MATCHES.${token.split(".")[2]}`,
      `${PERSON}.ACCOUNT_SECURITY.${token.split(".")[2]}`,
    ]) {
      expect(readUnsubscribeToken(key, forged)).toBeNull();
    }
  });

  it("refuse a token correctly signed for what no link is ever made for: a non-uuid person, an unknown scope", () => {
    for (const [userId, scope] of [
      [`x${PERSON}`, "NEW_MATCHES"],
      [`${PERSON}0`, "NEW_MATCHES"],
      [PERSON, "EVERYTHING"],
    ] as const) {
      const signed = unsubscribeToken(key, userId, scope as "NEW_MATCHES");
      expect(readUnsubscribeToken(key, signed), `${userId} ${scope}`).toBeNull();
    }
  });
});
