import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { listQuestions } from "../../../deal-rooms/list-questions.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealRoomParamsSchema, QuestionSchema, toQuestionResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/deal-rooms/{id}/questions",
  tags: ["Deal room Q&A"],
  summary: "The room's questions and answers",
  description: "Every member with current access. Oldest first.",
  access: "signed-in",
  failures: listQuestions.failures,
  request: { params: DealRoomParamsSchema },
  responses: {
    200: {
      description: "Questions",
      content: { "application/json": { schema: z.object({ items: z.array(QuestionSchema) }) } },
    },
  },
});

export function registerListQuestions<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const rows = await listQuestions(c.get("deps"), { dealRoomId: c.req.valid("param").id }, signedInRequest(c));
    return c.json({ items: rows.map(toQuestionResponse) }, 200);
  });
}
