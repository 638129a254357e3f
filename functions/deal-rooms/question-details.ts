import type { Prisma } from "../../generated/prisma/client.ts";

/** What a deal-room question is shown with: who asked and who answered. */
export const QUESTION_DETAILS = {
  askedBy: { select: { id: true, name: true } },
  answeredBy: { select: { id: true, name: true } },
} as const satisfies Prisma.DealRoomQuestionInclude;

export type QuestionDetails = Prisma.DealRoomQuestionGetPayload<{ include: typeof QUESTION_DETAILS }>;
