import { handle } from "hono/aws-lambda";
import { loadEnvironment } from "../config/environment.ts";
import { linkedEnvironment } from "../config/linked-resources.ts";
import { createDatabaseClient } from "../db/prisma-client.ts";
import type { AppDependencies } from "../runtime/app-dependencies.ts";
import { createDependencies } from "../runtime/create-dependencies.ts";
import { createApp } from "./app.ts";

/** The API as an AWS Lambda handler (API Gateway HTTP API, payload v2). */
export function createLambdaHandler(deps: AppDependencies) {
  return handle(createApp(deps));
}

/**
 * Built while the container initialises, before the first request arrives: the app, and, in the
 * background, Prisma's engine and the first database connection, so that their start overlaps
 * the rest of the start-up instead of delaying the first answer (bench:lambda). One or two
 * connections per container: concurrency comes from containers, and the pooler (pgbouncer,
 * Neon, Accelerate) multiplexes them onto the database.
 */
function createDeployedHandler() {
  const environment = loadEnvironment(linkedEnvironment());
  const { prisma, poolStats, probe } = createDatabaseClient(environment.DATABASE_URL, { maxConnections: 2 });
  // A failure here is the first request's to report (it will fail to connect too).
  prisma.$connect().catch(() => {});
  return createLambdaHandler(createDependencies(environment, prisma, { poolStats, databaseProbe: probe }));
}

let cached: ReturnType<typeof createLambdaHandler> | undefined;
try {
  cached = createDeployedHandler();
} catch {
  // Misconfigured: the first invocation builds it again and fails with the configuration error.
}

/** The deployed entry point. */
export const handler: ReturnType<typeof createLambdaHandler> = (event, context) => {
  cached ??= createDeployedHandler();
  return cached(event, context);
};
