import { currentDatabaseSession, runWithDatabaseSession } from "../db/database-session.ts";
import type { RequestContext } from "./request-context.ts";

/**
 * Runs `work` with the database session that follows from the request: its id and clock and,
 * once known, its caller (the audit trail's actor, and whom row-level security answers). The
 * HTTP layer runs every request in it; tests run use cases in it the same way. Inside a session
 * already (an Idempotency-Key's request transaction), the transaction is kept.
 */
export function runForRequest<T>(request: RequestContext, work: () => T | PromiseLike<T>): Promise<T> {
  return runWithDatabaseSession(
    {
      ...currentDatabaseSession(),
      requestId: request.requestId,
      now: request.receivedAt,
      userId: request.caller?.id,
      userRole: request.caller?.role,
    },
    work,
  );
}
