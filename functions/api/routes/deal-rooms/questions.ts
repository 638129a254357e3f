import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { AppError } from "../../../errors/app-error.ts";
import { loadDealRoomFor, requireRole } from "../../access/deal-room-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { uuid } from "../uuid.ts";
import { DealRoomParamsSchema } from "./schemas.ts";

const QuestionSchema = z
  .object({
    id: uuid(),
    documentId: uuid().nullable(),
    askedBy: z.object({ id: uuid(), name: z.string() }),
    body: z.string(),
    answer: z.string().nullable(),
    answeredBy: z.object({ id: uuid(), name: z.string() }).nullable(),
    answeredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("DealRoomQuestion");

const INCLUDE = {
  askedBy: { select: { id: true, name: true } },
  answeredBy: { select: { id: true, name: true } },
} as const;

type QuestionRow = {
  id: string;
  documentId: string | null;
  body: string;
  answer: string | null;
  answeredAt: Date | null;
  createdAt: Date;
  askedBy: { id: string; name: string };
  answeredBy: { id: string; name: string } | null;
};

const toResponse = (row: QuestionRow): z.infer<typeof QuestionSchema> => ({
  id: row.id,
  documentId: row.documentId,
  askedBy: row.askedBy,
  body: row.body,
  answer: row.answer,
  answeredBy: row.answeredBy,
  answeredAt: row.answeredAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

const list = createRoute({
  method: "get",
  path: "/deal-rooms/{id}/questions",
  tags: ["Deal room Q&A"],
  summary: "The room's questions and answers",
  description: "Every member with current access. Oldest first.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: DealRoomParamsSchema },
  responses: {
    200: {
      description: "Questions",
      content: { "application/json": { schema: z.object({ items: z.array(QuestionSchema) }) } },
    },
    ...problems(400, 401, 404),
  },
});

const ask = createRoute({
  method: "post",
  path: "/deal-rooms/{id}/questions",
  tags: ["Deal room Q&A"],
  summary: "Ask a question",
  description: "Any member with current access; optionally about one document of the room.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
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
  responses: {
    201: { description: "Asked", content: { "application/json": { schema: QuestionSchema } } },
    ...problems(400, 401, 404),
  },
});

const answer = createRoute({
  method: "post",
  path: "/deal-rooms/{id}/questions/{questionId}/answer",
  tags: ["Deal room Q&A"],
  summary: "Answer a question",
  description: "The room's owner or an advisor. An answer can be corrected by answering again.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: DealRoomParamsSchema.extend({
      questionId: uuid().openapi({ param: { name: "questionId", in: "path" } }),
    }),
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ answer: z.string().trim().min(1).max(10_000) }) } },
    },
  },
  responses: {
    200: { description: "Answered", content: { "application/json": { schema: QuestionSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

export function registerQuestionRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app
    .openapi(list, async (c) => {
      const { prisma } = c.get("deps");
      const access = await loadDealRoomFor(prisma, c.req.valid("param").id, currentUser(c), c.var.request.receivedAt);
      const rows = await prisma.dealRoomQuestion.findMany({
        where: { dealRoomId: access.room.id, deletedAt: null },
        include: INCLUDE,
        orderBy: { createdAt: "asc" },
        take: 1000,
      });
      return c.json({ items: rows.map(toResponse) }, 200);
    })
    .openapi(ask, async (c) => {
      const { prisma } = c.get("deps");
      const user = currentUser(c);
      const access = await loadDealRoomFor(prisma, c.req.valid("param").id, user, c.var.request.receivedAt);
      const { body, documentId } = c.req.valid("json");
      if (documentId) {
        const document = await prisma.document.findFirst({
          where: { id: documentId, dealRoomId: access.room.id, deletedAt: null },
        });
        if (!document) throw new AppError("not_found", "No such document in this deal room.");
      }
      const row = await prisma.dealRoomQuestion.create({
        data: { dealRoomId: access.room.id, askedById: user.id, body, documentId: documentId ?? null },
        include: INCLUDE,
      });
      return c.json(toResponse(row), 201);
    })
    .openapi(answer, async (c) => {
      const { prisma } = c.get("deps");
      const user = currentUser(c);
      const { id, questionId } = c.req.valid("param");
      const access = await loadDealRoomFor(prisma, id, user, c.var.request.receivedAt);
      requireRole(access, ["OWNER", "ADVISOR"], "answer questions");
      const question = await prisma.dealRoomQuestion.findFirst({
        where: { id: questionId, dealRoomId: access.room.id, deletedAt: null },
      });
      if (!question) throw new AppError("not_found", "No such question in this deal room.");
      const row = await prisma.dealRoomQuestion.update({
        where: { id: question.id },
        data: { answer: c.req.valid("json").answer, answeredById: user.id, answeredAt: c.var.request.receivedAt },
        include: INCLUDE,
      });
      return c.json(toResponse(row), 200);
    });
}
