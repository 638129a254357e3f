import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { UserRole } from "../../generated/prisma/enums.ts";
import type { Mailer } from "../auth/mailer.ts";
import type { Clock } from "../clock/clock.ts";
import type { AppConfig } from "../config/app-config.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import type { PoolStats } from "../db/prisma-client.ts";
import type { RequestContext } from "../requests/request-context.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import type { Logger } from "./logger.ts";

/** What every request handler can reach. */
export interface AppDependencies {
  prisma: PrismaClient;
  /**
   * For read-only queries that may lag a moment behind writes (listing search, admin log
   * reads): the replica at DATABASE_REPLICA_URL when set, otherwise the primary.
   */
  readOnlyPrisma: PrismaClient;
  config: AppConfig;
  /** "Now", for every decision that depends on the time (functions/clock/clock.ts). */
  clock: Clock;
  mailer: Mailer;
  logger: Logger;
  storage: ObjectStorage;
  /** Encrypts and decrypts personal fields (functions/crypto/field-cipher.ts). */
  fieldCipher: FieldCipher;
  /**
   * Whether the primary client's driver can hold one transaction across a request (pg, Neon:
   * yes; Prisma Accelerate: no). Idempotency keys need it.
   */
  supportsRequestTransactions: boolean;
  /** The database pool's numbers, where the driver has a local pool. */
  poolStats?: (() => PoolStats) | undefined;
}

/** The caller, once their access token is verified and their account checked. */
export interface AuthenticatedUser {
  id: string;
  role: UserRole;
  email: string;
  sessionId: string;
}

/** Hono's typed context variables for this app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDependencies;
    /** Where the request came from and when it arrived, built once (app.ts). */
    request: RequestContext;
    user: AuthenticatedUser | undefined;
  };
}
