import type { Environment } from "./environment.ts";

/** What the API needs from configuration, already validated. */
export interface AppConfig {
  jwtSecret: Uint8Array;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  corsOrigins: string[];
  appUrl: string;
  /** Bodies larger than this are refused with 413 (uploads have their own limit). */
  maxJsonBodyBytes: number;
}

/** Only for development and tests, never accepted in production (see loadEnvironment). */
const DEVELOPMENT_JWT_SECRET = "exitmatch-development-only-secret-do-not-use-in-production";

export function appConfigFrom(environment: Environment): AppConfig {
  return {
    jwtSecret: new TextEncoder().encode(environment.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET),
    accessTokenTtlSeconds: 15 * 60,
    refreshTokenTtlSeconds: 30 * 24 * 60 * 60,
    corsOrigins: environment.CORS_ORIGINS,
    appUrl: environment.APP_URL,
    maxJsonBodyBytes: 256 * 1024,
  };
}
