import { createServer, type IncomingMessage } from "node:http";

export interface AccelerateEndpoint {
  url: (apiKey: string) => string;
  requests: { method: string; path: string; authorization: string | undefined; body: string }[];
  stop(): Promise<void>;
}

/**
 * A local HTTP endpoint that speaks the part of Prisma Accelerate's protocol a client uses
 * to connect and run one query (`GET /connection-info`, `POST /query`), answering each query
 * with `answer`. Accelerate itself is a cloud service this machine cannot reach; this checks
 * that the client factory really talks Accelerate, with the API key, over the wire.
 */
export async function startAccelerateEndpoint(answer: unknown): Promise<AccelerateEndpoint> {
  const requests: AccelerateEndpoint["requests"] = [];
  const read = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => resolve(body));
    });
  const server = createServer(async (request, response) => {
    const body = await read(request);
    requests.push({ method: request.method!, path: request.url!, authorization: request.headers.authorization, body });
    response.setHeader("content-type", "application/json");
    response.end(
      JSON.stringify(
        request.url === "/connection-info"
          ? { provider: "postgres", connectionInfo: { supportsRelationJoins: true } }
          : { data: answer },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    // Prisma speaks plain HTTP to prisma+postgres:// URLs on a local host.
    url: (apiKey) => `prisma+postgres://127.0.0.1:${port}/?api_key=${apiKey}`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
