import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerConfirmCompletion } from "./confirm-completion.ts";
import { registerDownloadHeadsOfTerms } from "./download-heads-of-terms.ts";
import { registerEndExclusivityEarly } from "./end-exclusivity.ts";
import { registerExportDealRecord } from "./export-record.ts";
import { registerExtendExclusivity } from "./extend.ts";
import { registerFallThrough } from "./fall-through.ts";
import { registerGetDeal } from "./get.ts";
import { registerListMyDeals } from "./list-mine.ts";
import { registerRecordCompletion } from "./record-completion.ts";
import { registerSignHeadsOfTerms } from "./sign.ts";

export function registerDealRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const reads = registerExportDealRecord(registerDownloadHeadsOfTerms(registerGetDeal(registerListMyDeals(app))));
  const exclusivity = registerEndExclusivityEarly(registerExtendExclusivity(registerSignHeadsOfTerms(reads)));
  return registerConfirmCompletion(registerRecordCompletion(registerFallThrough(exclusivity)));
}
