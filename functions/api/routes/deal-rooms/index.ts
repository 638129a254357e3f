import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerAddMember } from "./add-member.ts";
import { registerAnswerQuestion } from "./answer-question.ts";
import { registerAskQuestion } from "./ask-question.ts";
import { registerDownloadDocument } from "./download-document.ts";
import { registerAccessLogExport } from "./export-access-log.ts";
import { registerGetDealRoom } from "./get.ts";
import { registerListDealRooms } from "./list.ts";
import { registerListDocuments } from "./list-documents.ts";
import { registerListQuestions } from "./list-questions.ts";
import { registerReadAccessLog } from "./read-access-log.ts";
import { registerRemoveDocument } from "./remove-document.ts";
import { registerRevokeMember } from "./revoke-member.ts";
import { registerUploadDocument } from "./upload-document.ts";
import { registerViewDocument } from "./view-document.ts";

/** Every /deal-rooms route: rooms and members, documents and their access log, questions. */
export function registerDealRoomRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const rooms = registerRevokeMember(registerAddMember(registerGetDealRoom(registerListDealRooms(app))));
  const documents = registerRemoveDocument(
    registerDownloadDocument(registerViewDocument(registerUploadDocument(registerListDocuments(rooms)))),
  );
  const accessLog = registerAccessLogExport(registerReadAccessLog(documents));
  return registerAnswerQuestion(registerAskQuestion(registerListQuestions(accessLog)));
}
