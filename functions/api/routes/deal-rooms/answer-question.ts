import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { answerQuestion } from "../../../deal-rooms/answer-question.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";
import { DealRoomParamsSchema, QuestionSchema, toQuestionResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/deal-rooms/{id}/questions/{questionId}/answer",
  tags: ["Deal room Q&A"],
  summary: "Answer a question",
  description: "The room's owner or an advisor. An answer can be corrected by answering again.",
  access: "signed-in",
  failures: answerQuestion.failures,
  request: {
    params: DealRoomParamsSchema.extend({
      questionId: uuid().openapi({ param: { name: "questionId", in: "path" } }),
    }),
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ answer: z.string().trim().min(1).max(10_000) }) } },
    },
  },
  responses: { 200: { description: "Answered", content: { "application/json": { schema: QuestionSchema } } } },
});

export function registerAnswerQuestion<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { id, questionId } = c.req.valid("param");
    const input = { dealRoomId: id, questionId, answer: c.req.valid("json").answer };
    return c.json(toQuestionResponse(await answerQuestion(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
