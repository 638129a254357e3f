import { handle } from "hono/aws-lambda";
import { loadEnvironment } from "../config/environment.ts";
import { createDatabaseClient } from "../db/prisma-client.ts";
import { createApp } from "./app.ts";
import { createDependencies } from "./create-dependencies.ts";

// Built once per Lambda container and reused across invocations. One or two connections per
// container: concurrency comes from containers, and the pooler (pgbouncer, Neon, Accelerate)
// multiplexes them onto the database.
const environment = loadEnvironment();
const { prisma } = createDatabaseClient(environment.DATABASE_URL, { maxConnections: 2 });

export const handler = handle(createApp(createDependencies(environment, prisma)));
