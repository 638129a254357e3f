import type { Context } from "hono";

/**
 * The caller's IP address: API Gateway's view of it in Lambda, the socket's peer on Node.
 * X-Forwarded-For is not trusted: anyone can set it, and the login throttle counts by IP.
 */
export function clientAddress(c: Context): string | undefined {
  const env = c.env as
    | { requestContext?: { http?: { sourceIp?: string } }; incoming?: { socket?: { remoteAddress?: string } } }
    | undefined;
  return env?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? undefined;
}
