import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { questionAnswered } from "../notifications/deal-room-notifications.ts";
import { notify } from "../notifications/notify.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealRoomFor, requireRole } from "./deal-room-access.ts";
import { QUESTION_DETAILS, type QuestionDetails } from "./question-details.ts";

/** The room's owner or an advisor answers a question; answering again corrects the answer. */
export async function answerQuestion(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string; questionId: string; answer: string },
  request: SignedInRequest,
): Promise<QuestionDetails> {
  const { prisma } = deps;
  const access = await loadDealRoomFor(prisma, input.dealRoomId, request.caller, request.receivedAt);
  requireRole(access, ["OWNER", "ADVISOR"], "answer questions");
  const question = await prisma.dealRoomQuestion.findFirst({
    where: { id: input.questionId, dealRoomId: access.room.id, deletedAt: null },
  });
  if (!question) throw new AppError("not_found", "No such question in this deal room.");
  return prisma.$transaction(async (tx) => {
    const answered = await tx.dealRoomQuestion.update({
      where: { id: question.id },
      data: { answer: input.answer, answeredById: request.caller.id, answeredAt: request.receivedAt },
      include: QUESTION_DETAILS,
    });
    await notify(tx, questionAnswered(access.room, answered), request.receivedAt);
    return answered;
  });
}
answerQuestion.failures = ["not_found", "forbidden"] as const;
