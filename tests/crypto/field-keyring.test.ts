// The keyring read from the environment: which keys decrypt, which one encrypts, and the
// blind-index key; every malformed setting refused with the variable's name.
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fieldKeyringFrom } from "../../functions/crypto/field-keyring.ts";
import { ConfigError } from "../../functions/errors/config-error.ts";

const keyBytes = () => randomBytes(32);
const base64 = (bytes: Buffer) => bytes.toString("base64");

describe("fieldKeyringFrom", () => {
  it("without keys, uses the public development keys: fixed, 32 bytes, one per purpose", () => {
    const keyring = fieldKeyringFrom({});
    const fieldKey = createHash("sha256").update("exitmatch-development-field-key").digest();
    const blindKey = createHash("sha256").update("exitmatch-development-blind-index-key").digest();
    expect(keyring).toEqual({
      activeKeyId: "dev",
      keys: new Map([["dev", fieldKey]]),
      blindIndexKey: blindKey,
      development: true,
    });
  });

  it("without keys but with a blind-index key, uses that one", () => {
    const blind = keyBytes();
    expect(fieldKeyringFrom({ BLIND_INDEX_KEY: base64(blind) }).blindIndexKey).toEqual(blind);
    expect(() => fieldKeyringFrom({ BLIND_INDEX_KEY: "c2hvcnQ=" })).toThrow(
      new ConfigError("BLIND_INDEX_KEY: each key must be 32 bytes, base64-encoded (openssl rand -base64 32)"),
    );
  });

  it("reads every listed key by id, spaces and empty entries aside; the first encrypts unless another is named", () => {
    const [a, b] = [keyBytes(), keyBytes()];
    const blind = keyBytes();
    const listed = ` 2025-old:${base64(a)} ,, key_2026:${base64(b)} ,`;
    const keyring = fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: listed, BLIND_INDEX_KEY: base64(blind) });
    expect(keyring).toEqual({
      activeKeyId: "2025-old",
      keys: new Map([
        ["2025-old", a],
        ["key_2026", b],
      ]),
      blindIndexKey: blind,
      development: false,
    });
    const named = fieldKeyringFrom({
      FIELD_ENCRYPTION_KEYS: listed,
      FIELD_ENCRYPTION_ACTIVE_KEY: "key_2026",
      BLIND_INDEX_KEY: base64(blind),
    });
    expect(named.activeKeyId).toBe("key_2026");
  });

  it("reads the same settings once", () => {
    const settings = { FIELD_ENCRYPTION_KEYS: `a:${base64(keyBytes())}`, BLIND_INDEX_KEY: base64(keyBytes()) };
    expect(fieldKeyringFrom(settings)).toBe(fieldKeyringFrom(settings));
    expect(fieldKeyringFrom({ ...settings })).not.toBe(fieldKeyringFrom(settings));
  });

  it("takes ids of 1 to 32 letters, digits, _ or -", () => {
    const blind = base64(keyBytes());
    const id32 = "a".repeat(32);
    expect(
      fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: `${id32}:${base64(keyBytes())}`, BLIND_INDEX_KEY: blind }).activeKeyId,
    ).toBe(id32);
    const malformed = new ConfigError(
      'FIELD_ENCRYPTION_KEYS: expected "<id>:<base64 key>" entries, ids of letters, digits, _ or -',
    );
    for (const entry of [
      `${"a".repeat(33)}:${base64(keyBytes())}`,
      `:${base64(keyBytes())}`,
      base64(keyBytes()),
      `a.b:${base64(keyBytes())}`,
    ]) {
      expect(() => fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: entry, BLIND_INDEX_KEY: blind }), entry).toThrow(
        malformed,
      );
    }
  });

  it("refuses a key of the wrong length, a repeated id, an unknown active key and a missing blind-index key", () => {
    const blind = base64(keyBytes());
    const key = base64(keyBytes());
    const refusals: [Record<string, string>, string][] = [
      [
        { FIELD_ENCRYPTION_KEYS: `a:${base64(randomBytes(31))}` },
        "FIELD_ENCRYPTION_KEYS: each key must be 32 bytes, base64-encoded (openssl rand -base64 32)",
      ],
      [{ FIELD_ENCRYPTION_KEYS: `a:${key},b:${key},a:${key}` }, 'FIELD_ENCRYPTION_KEYS: key id "a" is listed twice'],
      [
        { FIELD_ENCRYPTION_KEYS: `a:${key}`, FIELD_ENCRYPTION_ACTIVE_KEY: "b" },
        'FIELD_ENCRYPTION_ACTIVE_KEY: "b" is not one of FIELD_ENCRYPTION_KEYS',
      ],
    ];
    for (const [settings, message] of refusals) {
      expect(() => fieldKeyringFrom({ BLIND_INDEX_KEY: blind, ...settings }), message).toThrow(
        new ConfigError(message),
      );
    }
    expect(() => fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: `a:${key}` })).toThrow(
      new ConfigError("BLIND_INDEX_KEY is required with FIELD_ENCRYPTION_KEYS"),
    );
    expect(() => fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: `a:${key}`, BLIND_INDEX_KEY: "c2hvcnQ=" })).toThrow(
      new ConfigError("BLIND_INDEX_KEY: each key must be 32 bytes, base64-encoded (openssl rand -base64 32)"),
    );
  });
});
