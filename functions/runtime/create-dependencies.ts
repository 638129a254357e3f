import type { PrismaClient } from "../../generated/prisma/client.ts";
import { createAuditAnchorStore } from "../audit/create-audit-anchor-store.ts";
import { type Clock, systemClock } from "../clock/clock.ts";
import { appConfigFrom } from "../config/app-config.ts";
import type { Environment } from "../config/environment.ts";
import { FieldCipher } from "../crypto/field-cipher.ts";
import { DEVELOPMENT_KEYS_WARNING, fieldKeyringFrom } from "../crypto/field-keyring.ts";
import { createDatabaseClient, type DatabaseProbe, type PoolStats } from "../db/prisma-client.ts";
import { instrumentQueries } from "../db/query-instrumentation.ts";
import { ListingViewCounter } from "../listings/listing-view-counter.ts";
import { createMailer } from "../mail/create-mailer.ts";
import type { Mailer } from "../mail/mailer.ts";
import { createStorage } from "../storage/create-storage.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import type { AppDependencies } from "./app-dependencies.ts";
import { createLogger, type Logger } from "./logger.ts";

/** The app's dependencies from validated configuration; tests pass their own mailer. */
export function createDependencies(
  environment: Environment,
  prisma: PrismaClient,
  overrides: {
    mailer?: Mailer;
    storage?: ObjectStorage;
    auditAnchors?: ObjectStorage;
    logger?: Logger;
    poolStats?: () => PoolStats;
    databaseProbe?: DatabaseProbe;
    readOnlyPrisma?: PrismaClient;
    fieldCipher?: FieldCipher;
    clock?: Clock;
    /** Default: true unless DATABASE_URL is a Prisma Accelerate URL. */
    supportsRequestTransactions?: boolean;
  } = {},
): AppDependencies {
  const logger = overrides.logger ?? createLogger(environment.LOG_LEVEL);
  const instrument = (client: PrismaClient) =>
    instrumentQueries(client, {
      logger,
      slowQueryMs: environment.SLOW_QUERY_MS,
      logEveryQuery: environment.LOG_QUERIES,
    });
  const replica =
    overrides.readOnlyPrisma ??
    (environment.DATABASE_REPLICA_URL
      ? createDatabaseClient(environment.DATABASE_REPLICA_URL, { variable: "DATABASE_REPLICA_URL" }).prisma
      : undefined);
  const primary = instrument(prisma);
  const keyring = fieldKeyringFrom(environment);
  if (keyring.development && environment.NODE_ENV === "development") logger.warn(DEVELOPMENT_KEYS_WARNING);
  const clock = overrides.clock ?? systemClock;
  return {
    prisma: primary,
    readOnlyPrisma: replica ? instrument(replica) : primary,
    config: appConfigFrom(environment),
    clock,
    supportsRequestTransactions:
      overrides.supportsRequestTransactions ?? !/^prisma(\+postgres)?:\/\//.test(environment.DATABASE_URL ?? ""),
    mailer: overrides.mailer ?? createMailer(environment, clock),
    logger,
    storage: overrides.storage ?? createStorage(environment),
    auditAnchors: overrides.auditAnchors ?? createAuditAnchorStore(environment),
    poolStats: overrides.poolStats,
    databaseProbe: overrides.databaseProbe,
    listingViews: new ListingViewCounter(primary, logger),
    fieldCipher: overrides.fieldCipher ?? new FieldCipher(keyring),
  };
}
