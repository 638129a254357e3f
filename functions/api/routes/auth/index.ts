import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerEmailTokenRoutes } from "./email-tokens.ts";
import { registerLogin } from "./login.ts";
import { registerLogout } from "./logout.ts";
import { registerMe } from "./me.ts";
import { registerRefresh } from "./refresh.ts";
import { registerRegister } from "./register.ts";

export function registerAuthRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return registerEmailTokenRoutes(registerMe(registerLogout(registerRefresh(registerLogin(registerRegister(app))))));
}
