import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { type ErrorCode, errorStatus } from "../../errors/app-error.ts";
import type { AppEnv } from "../app-context.ts";
import { authenticate } from "../middleware/authenticate.ts";
import { takesIdempotencyKey } from "../middleware/idempotency.ts";
import { requireAdmin } from "../middleware/require-admin.ts";
import { problems } from "./openapi-helpers.ts";

/**
 * Who may call a route: anyone without credentials (`public`), anyone with or without them
 * (`optional`: a token sent must be valid), a signed-in person, or an admin.
 */
export type RouteAccess = "public" | "optional" | "signed-in" | "admin";

const MIDDLEWARE: Record<RouteAccess, MiddlewareHandler<AppEnv>[]> = {
  public: [],
  optional: [authenticate({ required: false })],
  "signed-in": [authenticate({ required: true })],
  admin: [requireAdmin],
};

/** OpenAPI security: a bearer token; `{}` marks it optional. */
const SECURITY: Record<Exclude<RouteAccess, "public">, Record<string, string[]>[]> = {
  optional: [{ bearerAuth: [] }, {}],
  "signed-in": [{ bearerAuth: [] }],
  admin: [{ bearerAuth: [] }],
};

type RouteDefinition = Omit<RouteConfig, "security" | "middleware"> & {
  access: RouteAccess;
  /** What the use case behind the route can refuse with: `useCase.failures`. */
  failures: readonly ErrorCode[];
};

/**
 * A route's OpenAPI definition with the parts every route shares filled in: the authentication
 * its access needs, and every problem status it can answer, derived from the same facts that
 * produce them (validation of its inputs, authentication, idempotency keys, body limits, and its
 * use case's failures), so the description cannot drift from what the route does.
 */
export function defineRoute<const R extends RouteDefinition>(definition: R) {
  const { access, failures, ...route } = definition;
  return createRoute({
    ...route,
    ...(access === "public" ? {} : { security: SECURITY[access] }),
    middleware: MIDDLEWARE[access],
    // Typed as the route's own responses: handlers return those; problems are thrown.
    responses: { ...route.responses, ...problems(...documentedStatuses(definition)) } as R["responses"],
  });
}

/** The problem statuses a route can answer, besides 503 (which every route can). */
export function documentedStatuses(definition: RouteDefinition): number[] {
  const { request, access, failures, method, path } = definition;
  const statuses = new Set(failures.map(errorStatus));
  const takesInput = Boolean(request?.params || request?.query || request?.body || request?.headers);
  if (takesInput) statuses.add(400);
  if (request?.body) {
    statuses.add(413); // over the body limit
    statuses.add(415); // not the media type the route reads
  }
  if (access !== "public") {
    statuses.add(401); // no, a bad or an ended token
    statuses.add(403); // a suspended account (and, for admin routes, anyone not an admin)
  }
  if (takesIdempotencyKey(method, path)) {
    statuses.add(400); // a malformed key
    statuses.add(409); // the first request with the key is still running
    statuses.add(422); // the key was used for another request
  }
  statuses.delete(503);
  return [...statuses].sort((a, b) => a - b);
}
