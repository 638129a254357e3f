import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import { AppError } from "../errors/app-error.ts";
import { activityOrigin, type SignedInRequest } from "../requests/request-context.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { type ErasureReport, erasePerson } from "./erase-person.ts";

/** An admin erases a person now (erase-person.ts), and the erasure is recorded. Not for admins. */
export async function eraseUserNow(
  deps: { prisma: PrismaClient; storage: ObjectStorage },
  input: { userId: string },
  request: SignedInRequest,
): Promise<ErasureReport> {
  const { prisma } = deps;
  const { caller } = request;
  const target = await prisma.user.findUnique({
    where: { id: input.userId, deletedAt: undefined },
    select: { role: true },
  });
  if (!target) throw new AppError("not_found", "No such user.");
  if (target.role === "ADMIN") throw new AppError("forbidden", "Admins are not erased through the API.");
  const report = await erasePerson(prisma, deps.storage, input.userId, {
    actorUserId: caller.id,
    actorRole: caller.role,
    requestId: request.requestId,
    now: request.receivedAt,
  });
  await recordActivity(prisma, {
    action: ActivityAction.erasurePerformed,
    userId: caller.id,
    entityType: "user",
    entityId: input.userId,
    metadata: { kept: report.kept.map((entry) => entry.table) },
    ...activityOrigin(request),
  });
  return report;
}
eraseUserNow.failures = ["not_found", "forbidden"] as const;
