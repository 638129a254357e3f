import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerEraseUser } from "./erase-user.ts";
import { registerExportUserData } from "./export-user-data.ts";
import { registerGetDueDiligence } from "./get-due-diligence.ts";
import { registerReadActivity } from "./read-activity.ts";
import { registerReadAudit } from "./read-audit.ts";
import { registerRecordDueDiligence } from "./record-due-diligence.ts";
import { registerReinstateUser } from "./reinstate-user.ts";
import { registerSearchUsers } from "./search-users.ts";
import { registerSuspendUser } from "./suspend-user.ts";
import { registerTakeDownListing } from "./take-down-listing.ts";
import { registerVerifyUser } from "./verify-user.ts";

/** Every /admin route: people, listing moderation, the logs, buyers' due diligence, and subject access and erasure. */
export function registerAdminRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const people = registerReinstateUser(registerSuspendUser(registerVerifyUser(registerSearchUsers(app))));
  const logs = registerReadAudit(registerReadActivity(registerTakeDownListing(people)));
  const dueDiligence = registerGetDueDiligence(registerRecordDueDiligence(logs));
  return registerEraseUser(registerExportUserData(dueDiligence));
}
