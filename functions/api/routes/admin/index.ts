import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerEraseUser } from "./erase-user.ts";
import { registerExportUserData } from "./export-user-data.ts";
import { registerReadActivity } from "./read-activity.ts";
import { registerReadAudit } from "./read-audit.ts";
import { registerReinstateUser } from "./reinstate-user.ts";
import { registerSearchUsers } from "./search-users.ts";
import { registerSuspendUser } from "./suspend-user.ts";
import { registerTakeDownListing } from "./take-down-listing.ts";
import { registerVerifyUser } from "./verify-user.ts";

/** Every /admin route: people, listing moderation, the logs, and subject access and erasure. */
export function registerAdminRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const people = registerReinstateUser(registerSuspendUser(registerVerifyUser(registerSearchUsers(app))));
  const logs = registerReadAudit(registerReadActivity(registerTakeDownListing(people)));
  return registerEraseUser(registerExportUserData(logs));
}
