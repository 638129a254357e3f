import { createApp } from "../../functions/api/app.ts";
import { createDependencies } from "../../functions/api/create-dependencies.ts";
import { MemoryMailer } from "../../functions/auth/mailer.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** The real app on a test database, with a mailer that keeps what it sends and quiet logs. */
export function createTestApp(prisma: PrismaClient) {
  const mailer = new MemoryMailer();
  const environment = loadEnvironment({ NODE_ENV: "test", LOG_LEVEL: "silent" });
  const app = createApp(createDependencies(environment, prisma, { mailer }));
  return { app, mailer };
}
