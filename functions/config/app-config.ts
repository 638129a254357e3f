import { createHmac } from "node:crypto";
import type { Environment } from "./environment.ts";

/** What the API needs from configuration, already validated. */
export interface AppConfig {
  jwtSecret: Uint8Array;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  corsOrigins: string[];
  appUrl: string;
  /** This API's public address, for links that call it directly (one-click unsubscribe). */
  apiUrl: string;
  /** Signs the unsubscribe links in notification e-mails (derived from the JWT secret). */
  unsubscribeKey: Buffer;
  /** Bodies larger than this are refused with 413 (uploads have their own limit). */
  maxJsonBodyBytes: number;
}

/**
 * The key that signs unsubscribe links, derived from the server's secret with its own label, so
 * a link can never be mistaken for (or turned into) an access token.
 */
export function unsubscribeKey(serverSecret: Uint8Array): Buffer {
  return createHmac("sha256", serverSecret).update("exitmatch:unsubscribe-link:v1").digest();
}

/** Only for development and tests, never accepted in production (see loadEnvironment). */
const DEVELOPMENT_JWT_SECRET = "exitmatch-development-only-secret-do-not-use-in-production";

export function appConfigFrom(environment: Environment): AppConfig {
  const jwtSecret = new TextEncoder().encode(environment.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET);
  return {
    jwtSecret,
    accessTokenTtlSeconds: 15 * 60,
    refreshTokenTtlSeconds: 30 * 24 * 60 * 60,
    corsOrigins: environment.CORS_ORIGINS,
    appUrl: environment.APP_URL,
    apiUrl: environment.API_URL ?? `http://localhost:${environment.PORT}`,
    unsubscribeKey: unsubscribeKey(jwtSecret),
    maxJsonBodyBytes: 256 * 1024,
  };
}
