import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealRoomFor } from "./deal-room-access.ts";
import { QUESTION_DETAILS, type QuestionDetails } from "./question-details.ts";

/** The room's questions and answers, oldest first, for every member with current access. */
export async function listQuestions(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string },
  request: SignedInRequest,
): Promise<QuestionDetails[]> {
  const access = await loadDealRoomFor(deps.prisma, input.dealRoomId, request.caller, request.receivedAt);
  return deps.prisma.dealRoomQuestion.findMany({
    where: { dealRoomId: access.room.id, deletedAt: null },
    include: QUESTION_DETAILS,
    orderBy: { createdAt: "asc" },
    take: 1000,
  });
}
listQuestions.failures = ["not_found"] as const;
