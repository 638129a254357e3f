// The typed client for the frontend: `createApiClient("https://api.exitmatch.co.uk")` gives
// `client.businesses.$get({ query: { sic: "62" } })` with request and response types from the
// routes' zod schemas.
import { hc } from "hono/client";
import type { App } from "./app.ts";

export type { App as ApiType } from "./app.ts";

export function createApiClient(baseUrl: string, options?: Parameters<typeof hc>[1]) {
  return hc<App>(baseUrl, options);
}
