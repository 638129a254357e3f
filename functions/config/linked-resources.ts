import { Resource } from "sst";

/**
 * A value SST links to a deployed function (a secret, a database URL): encrypted in the
 * function's package and decrypted with its key at start, so no password is a plain environment
 * variable. Undefined when the function runs outside SST (locally, in tests).
 */
export function linkedValue(resource: string, property: string): string | undefined {
  if (!process.env.SST_RESOURCE_App && !process.env.SST_KEY_FILE) return undefined;
  try {
    const linked = (Resource as unknown as Record<string, Record<string, unknown> | undefined>)[resource];
    const value = linked?.[property];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The environment a deployed function runs with: its plain variables, plus the linked secrets
 * and database URLs under the names the app reads (functions/config/environment.ts).
 */
export function linkedEnvironment(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const linked: Record<string, string | undefined> = {
    DATABASE_URL: linkedValue("DatabasePooled", "url"),
    JWT_SECRET: linkedValue("JwtSecret", "value"),
    FIELD_ENCRYPTION_KEYS: linkedValue("FieldEncryptionKeys", "value"),
    FIELD_ENCRYPTION_ACTIVE_KEY: linkedValue("FieldEncryptionActiveKey", "value"),
    BLIND_INDEX_KEY: linkedValue("BlindIndexKey", "value"),
  };
  return {
    ...source,
    ...Object.fromEntries(Object.entries(linked).filter(([, value]) => value !== undefined)),
  };
}
