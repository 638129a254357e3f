// Phone numbers: one spelling per number for the blind index, and the users table's two phone
// columns written together.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FieldCipher } from "../../functions/crypto/field-cipher.ts";
import { fieldKeyringFrom } from "../../functions/crypto/field-keyring.ts";
import { normalisePhoneNumber, phoneBlindIndex, userPhoneColumns } from "../../functions/crypto/phone-number.ts";

const key = () => randomBytes(32).toString("base64");
const cipher = () =>
  new FieldCipher(fieldKeyringFrom({ FIELD_ENCRYPTION_KEYS: `k1:${key()}`, BLIND_INDEX_KEY: key() }));

describe("normalisePhoneNumber", () => {
  it.each([
    ["+44 (0)161 496 0201", "+441614960201"], // the UK's optional trunk zero after the country code
    ["0161 496 0201", "+441614960201"], // a national number is a UK one
    ["(0161) 496-0201", "+441614960201"],
    ["0044 161 496 0201", "+441614960201"], // the international prefix
    ["+353 1 234 5678", "+35312345678"], // another country stays that country
    ["00353 1 234 5678", "+35312345678"],
    ["1614960201", "1614960201"], // no prefix at all: left as typed, not guessed at
    ["496 0201", "4960201"],
  ])("%s → %s", (typed, normalised) => {
    expect(normalisePhoneNumber(typed)).toBe(normalised);
  });
});

describe("userPhoneColumns", () => {
  it("writes no number as two nulls", () => {
    expect(userPhoneColumns(cipher(), null)).toEqual({ phone: null, phoneBlindIndex: null });
  });

  it("keeps the number as typed, encrypted, and indexes its normal spelling", () => {
    const keys = cipher();
    const columns = userPhoneColumns(keys, "0161 496 0201");
    expect(columns.phone).not.toContain("496");
    expect(keys.decrypt("users.phone", columns.phone!)).toBe("0161 496 0201");
    expect(columns.phoneBlindIndex).toBe(phoneBlindIndex(keys, "+44 (0)161 496 0201"));
    expect(columns.phoneBlindIndex).toBe(keys.blindIndex("users.phone", "+441614960201"));
  });
});
