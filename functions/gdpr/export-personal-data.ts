import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../activity/record-activity.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import { AppError } from "../errors/app-error.ts";
import { activityOrigin, type SignedInRequest } from "../requests/request-context.ts";
import { exportPerson } from "./export-person.ts";

/**
 * A person's data export (right of access): everything held about `userId`, for that person
 * themselves or for an admin answering a subject access request. The request is recorded.
 */
export async function exportPersonalData(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  input: { userId: string },
  request: SignedInRequest,
) {
  const { prisma } = deps;
  const exists = await prisma.user.findUnique({
    where: { id: input.userId, deletedAt: undefined },
    select: { id: true },
  });
  if (!exists) throw new AppError("not_found", "No such user.");
  await recordActivity(prisma, {
    action: ActivityAction.dataExportRequested,
    userId: request.caller.id,
    entityType: "user",
    entityId: input.userId,
    ...activityOrigin(request),
  });
  return exportPerson(prisma, deps.fieldCipher, input.userId, {
    requestId: request.requestId,
    now: request.receivedAt,
  });
}
exportPersonalData.failures = ["not_found"] as const;
