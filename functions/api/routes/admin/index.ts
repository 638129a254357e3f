import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerAdminLogRoutes } from "./logs.ts";
import { registerModerationRoutes } from "./moderation.ts";
import { registerAdminUserRoutes } from "./users.ts";

export function registerAdminRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return registerAdminLogRoutes(registerModerationRoutes(registerAdminUserRoutes(app)));
}
