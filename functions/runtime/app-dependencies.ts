import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Clock } from "../clock/clock.ts";
import type { AppConfig } from "../config/app-config.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import type { DatabaseProbe, PoolStats } from "../db/prisma-client.ts";
import type { ListingViewCounter } from "../listings/listing-view-counter.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import type { Logger } from "./logger.ts";

/**
 * What the application's code can reach, built once per process (create-dependencies.ts). Use
 * cases take the part they need (`Pick<AppDependencies, "prisma" | "storage">`), so a test can
 * hand them exactly that.
 */
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
  /** Where the audit chain's heads are anchored outside the database (audit/audit-anchors.ts); read-only here. */
  auditAnchors: Pick<ObjectStorage, "list">;
  /** Encrypts and decrypts personal fields (functions/crypto/field-cipher.ts). */
  fieldCipher: FieldCipher;
  /**
   * Whether the primary client's driver can hold one transaction across a request (pg, Neon:
   * yes; Prisma Accelerate: no). Idempotency keys need it.
   */
  supportsRequestTransactions: boolean;
  /** Listing views, counted in memory and written in batches (flush before the process stops). */
  listingViews: ListingViewCounter;
  /** The database pool's numbers, where the driver has a local pool. */
  poolStats?: (() => PoolStats) | undefined;
  /** The liveness probe's way to the pool, where the driver has a local pool (else Prisma). */
  databaseProbe?: DatabaseProbe | undefined;
}
