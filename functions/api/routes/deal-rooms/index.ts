import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerDocumentRoutes } from "./documents.ts";
import { registerAccessLogExport } from "./export-access-log.ts";
import { registerQuestionRoutes } from "./questions.ts";
import { registerDealRoomRoutes } from "./rooms.ts";

export function registerDealRoomAllRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return registerAccessLogExport(registerQuestionRoutes(registerDocumentRoutes(registerDealRoomRoutes(app))));
}

/** Upload routes take bodies far larger than the API's JSON limit; they set their own. */
export const LARGE_BODY_ROUTE = /^\/deal-rooms\/[^/]+\/documents$/;
