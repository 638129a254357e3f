import { serve } from "@hono/node-server";
import type { App } from "./app.ts";

/**
 * Serves the app on this machine's loopback interface (`npm start`); Lambda serves it through
 * lambda.ts. Resolves once listening, or rejects with a readable reason (a port in use).
 */
export async function listenOnLoopback(app: App, port: number): Promise<{ close(): void }> {
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${port} is in use (another \`npm start\`?). Set PORT to use another port.`)
          : error,
      ),
    );
  });
  return server;
}
