import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { revokeAllSessions } from "../auth/sessions.ts";
import { USER_RETENTION_DAYS } from "../domain/retention-periods.ts";
import { AppError } from "../errors/app-error.ts";
import { enqueueEvent } from "../events/enqueue-event.ts";
import { activityOrigin, type SignedInRequest } from "../requests/request-context.ts";
import { LEGAL_HOLDS } from "./legal-holds.ts";

export interface ErasureRequest {
  userId: string;
  requestedAt: Date;
  /** The retention job erases the person by then, if an admin has not already. */
  erasureDueBy: Date;
  /** What is kept, anonymised, and why. */
  legalHolds: { records: string; reason: string }[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A person asks to be forgotten: the account closes at once (signed out everywhere, no longer
 * visible) and the retention job erases their data within USER_RETENTION_DAYS. Admins are
 * erased by an operator.
 */
export async function requestErasure(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
): Promise<ErasureRequest> {
  const { caller } = request;
  if (caller.role === "ADMIN") {
    throw new AppError("forbidden", "Admins are erased by an operator, not through the API.");
  }
  const requestedAt = request.receivedAt;
  await deps.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: caller.id }, data: { deletedAt: requestedAt } });
    await revokeAllSessions(tx, caller.id, requestedAt);
    // A closed account leaves every match (after commit).
    await enqueueEvent(tx, "buyer.changed", caller.id, requestedAt);
    await recordActivity(tx, {
      action: ActivityAction.erasureRequested,
      userId: caller.id,
      entityType: "user",
      entityId: caller.id,
      ...activityOrigin(request),
    });
  });
  return {
    userId: caller.id,
    requestedAt,
    erasureDueBy: new Date(requestedAt.getTime() + USER_RETENTION_DAYS * DAY_MS),
    legalHolds: [
      { records: "financial figures of listings you sold", reason: LEGAL_HOLDS.financialRecords.reason },
      { records: "NDAs you accepted", reason: LEGAL_HOLDS.contracts.reason },
      { records: "AML registration (advisors)", reason: LEGAL_HOLDS.amlRecords.reason },
      { records: "the audit trail", reason: LEGAL_HOLDS.auditLogs.reason },
    ],
  };
}
requestErasure.failures = ["forbidden"] as const;
