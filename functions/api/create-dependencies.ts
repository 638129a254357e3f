import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ConsoleMailer, type Mailer } from "../auth/mailer.ts";
import { appConfigFrom } from "../config/app-config.ts";
import type { Environment } from "../config/environment.ts";
import { createStorage } from "../storage/create-storage.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import type { AppDependencies } from "./app-context.ts";
import { createLogger } from "./logger.ts";

/** The app's dependencies from validated configuration; tests pass their own mailer. */
export function createDependencies(
  environment: Environment,
  prisma: PrismaClient,
  overrides: { mailer?: Mailer; storage?: ObjectStorage } = {},
): AppDependencies {
  return {
    prisma,
    config: appConfigFrom(environment),
    mailer: overrides.mailer ?? new ConsoleMailer(),
    logger: createLogger(environment.LOG_LEVEL),
    storage: overrides.storage ?? createStorage(environment),
  };
}
