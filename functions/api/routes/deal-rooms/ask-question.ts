import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { askQuestion } from "../../../deal-rooms/ask-question.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";
import { DealRoomParamsSchema, QuestionSchema, toQuestionResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/deal-rooms/{id}/questions",
  tags: ["Deal room Q&A"],
  summary: "Ask a question",
  description: "Any member with current access; optionally about one document of the room.",
  access: "signed-in",
  failures: askQuestion.failures,
  request: {
    params: DealRoomParamsSchema,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({ body: z.string().trim().min(3).max(5000), documentId: uuid().optional() }),
        },
      },
    },
  },
  responses: { 201: { description: "Asked", content: { "application/json": { schema: QuestionSchema } } } },
});

export function registerAskQuestion<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { dealRoomId: c.req.valid("param").id, ...c.req.valid("json") };
    return c.json(toQuestionResponse(await askQuestion(c.get("deps"), input, signedInRequest(c))), 201);
  });
}
