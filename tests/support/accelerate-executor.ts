import { serve } from "@hono/node-server";
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { createConsoleLogger, parseDuration, parseSize, Server, withActiveLogger } from "@prisma/query-plan-executor";

let contextManagerReady = false;

/**
 * A real Prisma Accelerate endpoint on this machine: Prisma's own query plan executor (the server
 * behind `prisma dev`), speaking Accelerate's HTTP protocol to Prisma Client and running every
 * query on `databaseUrl`. Accelerate itself is a cloud service; this is the same protocol and
 * the same executor, so what works here (transactions, settings, row-level security) works
 * there for the same reasons.
 */
export async function startAccelerateExecutor(databaseUrl: string) {
  // The executor keeps its logger in OpenTelemetry's context, which needs a context manager to
  // follow async calls.
  if (!contextManagerReady) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    contextManagerReady = true;
  }
  const executor = await withActiveLogger(createConsoleLogger("text", "off"), () =>
    Server.create({
      databaseUrl,
      maxResponseSize: parseSize("64 MiB"),
      queryTimeout: parseDuration("PT1M"),
      maxTransactionTimeout: parseDuration("PT1M"),
      maxTransactionWaitTime: parseDuration("PT1M"),
      perRequestLogContext: { logFormat: "text", logLevel: "off" },
    }),
  );
  const server = serve({ fetch: executor.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  return {
    /** Prisma speaks plain HTTP to prisma+postgres:// URLs on a local host. */
    url: (apiKey: string) => `prisma+postgres://127.0.0.1:${port}/?api_key=${apiKey}`,
    async stop() {
      await executor.shutdown();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
