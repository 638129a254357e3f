import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * RFC 9457 problem details. `code` is the stable, machine-readable part clients switch on;
 * `title` and `detail` are for people and may change.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
}

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  title: string,
  detail?: string,
) {
  const body: Problem = {
    type: `https://docs.exitmatch.co.uk/errors/${code}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    instance: c.req.path,
    requestId: c.get("requestId"),
  };
  return c.newResponse(JSON.stringify(body), status, { "content-type": "application/problem+json" });
}
