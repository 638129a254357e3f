import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-context.ts";

/**
 * Nothing the API answers may be kept by a browser or a shared cache unless a route says so
 * deliberately (the OpenAPI document and the reference page): responses carry people's data,
 * and one shared proxy caching `GET /me` would hand one person's account to the next.
 */
export const privateByDefault = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "private, no-store");
});

/** For a route whose response is the same for everyone and safe to cache. */
export const PUBLIC_FOR_FIVE_MINUTES = "public, max-age=300";
