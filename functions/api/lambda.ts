import { handle } from "hono/aws-lambda";
import { loadEnvironment } from "../config/environment.ts";
import { createDatabaseClient } from "../db/prisma-client.ts";
import { createApp } from "./app.ts";
import type { AppDependencies } from "./app-context.ts";
import { createDependencies } from "./create-dependencies.ts";

/** The API as an AWS Lambda handler (API Gateway HTTP API, payload v2). */
export function createLambdaHandler(deps: AppDependencies) {
  return handle(createApp(deps));
}

let cached: ReturnType<typeof createLambdaHandler> | undefined;

/**
 * The deployed entry point. Built on the first invocation and reused by later ones in the same
 * container; one or two connections per container, as concurrency comes from containers and
 * the pooler (pgbouncer, Neon, Accelerate) multiplexes them onto the database.
 */
export const handler: ReturnType<typeof createLambdaHandler> = (event, context) => {
  if (!cached) {
    const environment = loadEnvironment();
    const { prisma, poolStats } = createDatabaseClient(environment.DATABASE_URL, { maxConnections: 2 });
    cached = createLambdaHandler(createDependencies(environment, prisma, { poolStats }));
  }
  return cached(event, context);
};
