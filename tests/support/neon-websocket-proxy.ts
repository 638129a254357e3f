import { createConnection } from "node:net";
import { WebSocketServer } from "ws";

export interface NeonWebSocketProxy {
  port: number;
  stop(): Promise<void>;
}

/**
 * What Neon runs in front of every database, in miniature: a WebSocket endpoint whose binary
 * frames are the PostgreSQL wire protocol, piped to a real server over TCP. It lets the
 * @neondatabase/serverless driver talk to the local test PostgreSQL.
 */
export async function startNeonWebSocketProxy(target: { host: string; port: number }): Promise<NeonWebSocketProxy> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  server.on("connection", (socket) => {
    const tcp = createConnection(target);
    tcp.on("data", (chunk) => socket.send(chunk));
    tcp.on("close", () => socket.close());
    tcp.on("error", () => socket.close());
    socket.on("message", (data) => tcp.write(data as Buffer));
    socket.on("close", () => tcp.end());
  });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return {
    port: (server.address() as { port: number }).port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
