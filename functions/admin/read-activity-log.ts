import type { ActivityLog, PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

export interface ActivityFilter {
  userId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  since?: Date | undefined;
  /** Only security events (true), or only unflagged ones (false). */
  flagged?: boolean | undefined;
  limit: number;
}

/** An admin reads the activity log, newest first, from the replica when there is one. */
export async function readActivityLog(
  deps: { readOnlyPrisma: PrismaClient },
  filter: ActivityFilter,
  _request: SignedInRequest,
): Promise<ActivityLog[]> {
  const { userId, action, entityType, entityId, since, flagged, limit } = filter;
  return deps.readOnlyPrisma.activityLog.findMany({
    where: {
      ...(userId ? { userId } : {}),
      ...(action ? { action } : {}),
      ...(entityType ? { entityType } : {}),
      ...(entityId ? { entityId } : {}),
      ...(since ? { occurredAt: { gte: since } } : {}),
      ...(flagged === undefined ? {} : { securityFlag: flagged ? { not: null } : null }),
    },
    // Newest first; the id breaks ties between events of the same instant.
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: limit,
  });
}
readActivityLog.failures = [] as const;
