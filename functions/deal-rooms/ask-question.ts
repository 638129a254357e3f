import type { PrismaClient } from "../../generated/prisma/client.ts";
import { questionAsked } from "../notifications/deal-room-notifications.ts";
import { notify } from "../notifications/notify.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealRoomFor } from "./deal-room-access.ts";
import { loadDocumentIn } from "./load-document.ts";
import { QUESTION_DETAILS, type QuestionDetails } from "./question-details.ts";

/** Any member with current access asks a question, optionally about one of the room's documents. */
export async function askQuestion(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string; body: string; documentId?: string | undefined },
  request: SignedInRequest,
): Promise<QuestionDetails> {
  const { prisma } = deps;
  const access = await loadDealRoomFor(prisma, input.dealRoomId, request.caller, request.receivedAt);
  if (input.documentId) await loadDocumentIn(prisma, access.room.id, input.documentId);
  return prisma.$transaction(async (tx) => {
    const question = await tx.dealRoomQuestion.create({
      data: {
        dealRoomId: access.room.id,
        askedById: request.caller.id,
        body: input.body,
        documentId: input.documentId ?? null,
      },
      include: QUESTION_DETAILS,
    });
    const notifications = await questionAsked(tx, access.room, question, access.role, request.receivedAt);
    await notify(tx, notifications, request.receivedAt);
    return question;
  });
}
askQuestion.failures = ["not_found"] as const;
