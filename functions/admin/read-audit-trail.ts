import type { AuditLog, PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

export interface AuditFilter {
  tableName?: string | undefined;
  rowId?: string | undefined;
  actorUserId?: string | undefined;
  requestId?: string | undefined;
  limit: number;
}

/** An admin reads the data changes the database's triggers recorded, newest first. */
export async function readAuditTrail(
  deps: { readOnlyPrisma: PrismaClient },
  filter: AuditFilter,
  _request: SignedInRequest,
): Promise<AuditLog[]> {
  const { tableName, rowId, actorUserId, requestId, limit } = filter;
  return deps.readOnlyPrisma.auditLog.findMany({
    where: {
      ...(tableName ? { tableName } : {}),
      ...(rowId ? { rowId } : {}),
      ...(actorUserId ? { actorUserId } : {}),
      ...(requestId ? { requestId } : {}),
    },
    orderBy: { id: "desc" },
    take: limit,
  });
}
readAuditTrail.failures = [] as const;
