import { ProblemSchema } from "../errors.ts";

/**
 * Problem-details responses for a route's OpenAPI description. Every route can also answer 503
 * (the database is briefly unavailable; Retry-After says when to try again), so it is always
 * listed.
 */
export function problems(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: "Invalid request (see `errors` for the fields)",
    401: "Missing, invalid or expired credentials",
    403: "Not allowed for this user",
    404: "Not found (or not visible to this user)",
    409: "Conflicts with the current state",
    412: "The If-Match version is stale",
    413: "The request body is too large",
    415: "Unsupported content type",
    422: "Idempotency-Key reused with a different request",
    428: "If-Match header required",
    429: "Too many requests",
    500: "Something went wrong on our side",
    503: "Briefly unavailable (the database is restarting or unreachable); retry after Retry-After seconds",
  };
  return Object.fromEntries(
    [...statuses, 503].map((status) => [
      status,
      { description: descriptions[status]!, content: { "application/problem+json": { schema: ProblemSchema } } },
    ]),
  );
}
