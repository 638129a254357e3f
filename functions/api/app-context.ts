import type { PrismaClient } from "../../generated/prisma/client.ts";

/** What every request handler can reach. */
export interface AppDependencies {
  prisma: PrismaClient;
}

/** Hono's typed context variables for this app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDependencies;
  };
}
