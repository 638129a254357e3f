import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { FieldCipher, FieldDecryptionError, isEncryptedValue, keyIdOf } from "../../functions/crypto/field-cipher.ts";
import { fieldKeyringFrom } from "../../functions/crypto/field-keyring.ts";
import { normalisePhoneNumber, phoneBlindIndex } from "../../functions/crypto/phone-number.ts";

const key = () => randomBytes(32).toString("base64");
const BLIND = key();
const cipherWith = (keys: string, active?: string) =>
  new FieldCipher(
    fieldKeyringFrom({
      FIELD_ENCRYPTION_KEYS: keys,
      FIELD_ENCRYPTION_ACTIVE_KEY: active,
      BLIND_INDEX_KEY: BLIND,
    }),
  );

describe("field encryption (AES-256-GCM with key ids)", () => {
  const k1 = key();
  const k2 = key();
  const cipher = cipherWith(`k1:${k1}`);

  it("round-trips, names the key in the value and never repeats a ciphertext", () => {
    const stored = cipher.encrypt("users.phone", "+44 161 496 0201");
    expect(stored).toMatch(/^v1:k1:[\w-]{16}:[\w-]+$/);
    expect(stored).not.toContain("496");
    expect(cipher.decrypt("users.phone", stored)).toBe("+44 161 496 0201");
    expect(cipher.encrypt("users.phone", "+44 161 496 0201")).not.toBe(stored);
    expect(cipher.decrypt("users.phone", cipher.encrypt("users.phone", ""))).toBe("");
    expect(cipher.decrypt("users.phone", cipher.encrypt("users.phone", "Zoë ☎"))).toBe("Zoë ☎");
    expect([cipher.encryptOptional("users.phone", null), cipher.decryptOptional("users.phone", null)]).toEqual([
      null,
      null,
    ]);
    expect(cipher.encryptOptional("users.phone", undefined)).toBeNull();
    expect(cipher.decryptOptional("users.phone", cipher.encryptOptional("users.phone", "0161 496 0201"))).toBe(
      "0161 496 0201",
    );
    expect(() => cipher.decrypt("users.phone", "plain")).toThrow(
      expect.objectContaining({ name: "FieldDecryptionError" }),
    );
  });

  it("detects tampering: any changed byte, a value moved to another column, a forged key id", () => {
    const stored = cipher.encrypt("advisor_profiles.aml_registration_number", "XDML00000104729");
    const [version, keyId, iv, body] = stored.split(":") as [string, string, string, string];
    const flipped = body.slice(0, 5) + (body[5] === "A" ? "B" : "A") + body.slice(6);
    // Each refusal says why: the message is what an operator reads when a decrypt fails.
    const attempts: [string, RegExp][] = [
      [[version, keyId, iv, flipped].join(":"), /authentication failed/],
      [[version, keyId, iv, body.slice(0, -2)].join(":"), /authentication failed/],
      [[version, keyId, `${iv.slice(0, -1)}${iv.endsWith("A") ? "B" : "A"}`, body].join(":"), /authentication failed/],
      [[version, "k9", iv, body].join(":"), /key "k9" is not configured/],
      [[version, keyId, `${iv}AAAA`, body].join(":"), /malformed value/],
      [[version, keyId, iv.slice(0, 8), body].join(":"), /malformed value/],
      [[version, keyId, iv, body.slice(0, 20)].join(":"), /malformed value/],
      [[version, keyId, iv, body, "extra"].join(":"), /not an encrypted value/],
      [[version, keyId, iv].join(":"), /not an encrypted value/],
      [["v2", keyId, iv, body].join(":"), /not an encrypted value/],
      ["XDML00000104729", /not an encrypted value/],
    ];
    for (const [attempt, reason] of attempts) {
      expect(() => cipher.decrypt("advisor_profiles.aml_registration_number", attempt), attempt).toThrow(
        FieldDecryptionError,
      );
      expect(() => cipher.decrypt("advisor_profiles.aml_registration_number", attempt), attempt).toThrow(reason);
    }
    // Same key, different column: the column name is authenticated data.
    expect(() => cipher.decrypt("inquiries.nda_accepted_ip", stored)).toThrow(/authentication failed/);
  });

  it("tells encrypted values from plain text and names their key", () => {
    const stored = cipher.encrypt("users.phone", "0161 496 0201");
    expect([isEncryptedValue(stored), keyIdOf(stored)]).toEqual([true, "k1"]);
    for (const plain of ["0161 496 0201", "xv1:k1:a:b", "V1:k1:a:b", ""]) {
      expect([isEncryptedValue(plain), keyIdOf(plain)], plain).toEqual([false, undefined]);
    }
    expect(cipher.activeKeyId).toBe("k1");
  });

  it("rotates: a new active key encrypts, the old one still decrypts until it is removed", () => {
    const old = cipher.encrypt("users.phone", "0161 496 0201");
    const rotated = cipherWith(`k1:${k1},k2:${k2}`, "k2");
    expect(rotated.decrypt("users.phone", old)).toBe("0161 496 0201");
    const fresh = rotated.encrypt("users.phone", "0161 496 0201");
    expect(fresh.startsWith("v1:k2:")).toBe(true);
    expect([rotated.isCurrent(old), rotated.isCurrent(fresh)]).toEqual([false, true]);
    const retired = cipherWith(`k2:${k2}`);
    expect(retired.decrypt("users.phone", fresh)).toBe("0161 496 0201");
    expect(() => retired.decrypt("users.phone", old)).toThrow(/key "k1" is not configured/);
  });

  it("blind-indexes phone numbers however they are typed, and only with the key", () => {
    expect(
      ["+44 (0)161 496 0201", "0161 496 0201", "+441614960201", "0044 161-496-0201"].map(normalisePhoneNumber),
    ).toEqual(["+441614960201", "+441614960201", "+441614960201", "+441614960201"]);
    const index = phoneBlindIndex(cipher, "0161 496 0201");
    expect(phoneBlindIndex(cipher, "+44 161 496 0201")).toBe(index);
    expect(phoneBlindIndex(cipher, "0161 496 0202")).not.toBe(index);
    const otherBlindKey = new FieldCipher(
      fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: `k1:${k1}`, BLIND_INDEX_KEY: key() }),
    );
    expect(phoneBlindIndex(otherBlindKey, "0161 496 0201")).not.toBe(index);
    // The column is part of the index: equal values in two columns cannot be linked.
    expect(cipher.blindIndex("users.phone", "+441614960201")).toBe(index);
    expect(cipher.blindIndex("inquiries.nda_accepted_ip", "+441614960201")).not.toBe(index);
  });
});

describe("field encryption keys from the environment", () => {
  it("uses the public development key only when none is configured", () => {
    const keyring = fieldKeyringFrom({});
    expect([keyring.development, keyring.activeKeyId]).toEqual([true, "dev"]);
    expect(fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: `a:${key()}`, BLIND_INDEX_KEY: key() }).development).toBe(false);
  });

  it("refuses malformed keys, an unknown active key and a missing blind index key, naming the variable", () => {
    expect(() => fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: "a:c2hvcnQ=", BLIND_INDEX_KEY: key() })).toThrow(
      /FIELD_ENCRYPTION_KEYS: each key must be 32 bytes/,
    );
    expect(() => fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: `a b:${key()}`, BLIND_INDEX_KEY: key() })).toThrow(
      /FIELD_ENCRYPTION_KEYS: expected/,
    );
    expect(() => fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: `a:${key()},a:${key()}`, BLIND_INDEX_KEY: key() })).toThrow(
      /listed twice/,
    );
    expect(() =>
      fieldKeyringFrom({
        FIELD_ENCRYPTION_KEYS: `a:${key()}`,
        FIELD_ENCRYPTION_ACTIVE_KEY: "b",
        BLIND_INDEX_KEY: key(),
      }),
    ).toThrow(/FIELD_ENCRYPTION_ACTIVE_KEY: "b"/);
    expect(() => fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: `a:${key()}` })).toThrow(/BLIND_INDEX_KEY is required/);
    expect(() => loadEnvironment({ FIELD_ENCRYPTION_KEYS: "a:short" })).toThrow(/32 bytes/);
  });

  it("will not start production on development keys", () => {
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://app@db.example.com/exitmatch?sslmode=require",
      JWT_SECRET: "x".repeat(40),
    };
    expect(() => loadEnvironment(production)).toThrow(/Required in production: FIELD_ENCRYPTION_KEYS/);
    expect(() => loadEnvironment({ ...production, JWT_SECRET: undefined })).toThrow(/JWT_SECRET/);
    expect(
      loadEnvironment({ ...production, FIELD_ENCRYPTION_KEYS: `2026:${key()}`, BLIND_INDEX_KEY: key() }).NODE_ENV,
    ).toBe("production");
  });
});
