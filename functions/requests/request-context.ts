/**
 * What the code serving a request knows about where it came from, built once when the request
 * arrives (functions/api/app.ts) and handed down explicitly. Nothing below the HTTP layer reads
 * headers or sockets itself.
 */
export interface RequestContext {
  requestId: string;
  /** The caller's IP address as the platform saw it (never X-Forwarded-For). */
  ipAddress: string | undefined;
  userAgent: string | undefined;
  /** The clock's "now" when the request arrived: every time-based decision of the request uses it. */
  receivedAt: Date;
}

/** The fields of an activity-log entry that say where and when it happened. */
export function activityOrigin(request: RequestContext) {
  return { ipAddress: request.ipAddress, userAgent: request.userAgent, occurredAt: request.receivedAt };
}
