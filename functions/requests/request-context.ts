import type { UserRole } from "../../generated/prisma/enums.ts";
import { AppError } from "../errors/app-error.ts";

/** The person making a request, once their access token is verified and their account checked. */
export interface Caller {
  id: string;
  role: UserRole;
  email: string;
  /** The login session the access token belongs to. */
  sessionId: string;
}

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
  /** Who is calling; absent for an anonymous request. */
  caller?: Caller | undefined;
}

/** A request whose caller is signed in: what every use case behind authentication takes. */
export type SignedInRequest = RequestContext & { caller: Caller };

/** The request, narrowed to a signed-in one (401 if nobody is signed in). */
export function signedIn(request: RequestContext): SignedInRequest {
  if (!request.caller) throw new AppError("unauthorized");
  return request as SignedInRequest;
}

/** The fields of an activity-log entry that say who, where and when it happened. */
export function activityOrigin(request: RequestContext) {
  return { ipAddress: request.ipAddress, userAgent: request.userAgent, occurredAt: request.receivedAt };
}
