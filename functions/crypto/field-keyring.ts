import { createHash } from "node:crypto";
import { ConfigError } from "../errors/config-error.ts";

/** The keys field encryption may use; only the active one encrypts. */
export interface FieldKeyring {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
  /** The HMAC key for blind indexes. Changing it means recomputing every index (encryption:rotate --reindex). */
  blindIndexKey: Buffer;
  /** True when no keys were configured and the public development keys are in use. */
  development: boolean;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Public keys for development and tests only, derived from fixed strings; loadEnvironment
 * refuses to start production without real ones.
 */
const DEVELOPMENT_KEY_ID = "dev";
const developmentKey = (purpose: string) => createHash("sha256").update(`exitmatch-development-${purpose}`).digest();

function decodeKey(name: string, text: string): Buffer {
  const key = Buffer.from(text, "base64");
  if (key.length !== 32) {
    throw new ConfigError(`${name}: each key must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
  }
  return key;
}

/**
 * Parses FIELD_ENCRYPTION_KEYS ("<id>:<base64 key>,<id>:<base64 key>"), FIELD_ENCRYPTION_ACTIVE_KEY
 * (defaults to the first listed) and BLIND_INDEX_KEY. Keep retired keys listed until
 * `npm run encryption:rotate` reports nothing left under them.
 */
export function fieldKeyringFrom(environment: FieldKeySettings): FieldKeyring {
  // The environment is checked at load (config/environment.ts) and used at start: parsed once.
  let keyring = parsed.get(environment);
  if (!keyring) {
    keyring = parseFieldKeyring(environment);
    parsed.set(environment, keyring);
  }
  return keyring;
}

/** The settings the keyring is read from: the environment's, by the same names. */
export interface FieldKeySettings {
  FIELD_ENCRYPTION_KEYS?: string | undefined;
  FIELD_ENCRYPTION_ACTIVE_KEY?: string | undefined;
  BLIND_INDEX_KEY?: string | undefined;
}

const parsed = new WeakMap<FieldKeySettings, FieldKeyring>();

function parseFieldKeyring(environment: FieldKeySettings): FieldKeyring {
  if (!environment.FIELD_ENCRYPTION_KEYS) {
    return {
      activeKeyId: DEVELOPMENT_KEY_ID,
      keys: new Map([[DEVELOPMENT_KEY_ID, developmentKey("field-key")]]),
      blindIndexKey: environment.BLIND_INDEX_KEY
        ? decodeKey("BLIND_INDEX_KEY", environment.BLIND_INDEX_KEY)
        : developmentKey("blind-index-key"),
      development: true,
    };
  }
  const keys = new Map<string, Buffer>();
  for (const entry of environment.FIELD_ENCRYPTION_KEYS.split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(":");
    const id = entry.slice(0, separator);
    if (separator < 0 || !KEY_ID.test(id)) {
      throw new ConfigError(
        'FIELD_ENCRYPTION_KEYS: expected "<id>:<base64 key>" entries, ids of letters, digits, _ or -',
      );
    }
    if (keys.has(id)) throw new ConfigError(`FIELD_ENCRYPTION_KEYS: key id "${id}" is listed twice`);
    keys.set(id, decodeKey("FIELD_ENCRYPTION_KEYS", entry.slice(separator + 1)));
  }
  const activeKeyId = environment.FIELD_ENCRYPTION_ACTIVE_KEY ?? [...keys.keys()][0]!;
  if (!keys.has(activeKeyId)) {
    throw new ConfigError(`FIELD_ENCRYPTION_ACTIVE_KEY: "${activeKeyId}" is not one of FIELD_ENCRYPTION_KEYS`);
  }
  if (!environment.BLIND_INDEX_KEY) throw new ConfigError("BLIND_INDEX_KEY is required with FIELD_ENCRYPTION_KEYS");
  return {
    activeKeyId,
    keys,
    blindIndexKey: decodeKey("BLIND_INDEX_KEY", environment.BLIND_INDEX_KEY),
    development: false,
  };
}

export const DEVELOPMENT_KEYS_WARNING =
  "FIELD_ENCRYPTION_KEYS is not set: personal data is encrypted with the public development key. Never use it for real data.";
