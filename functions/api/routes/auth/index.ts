import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerConfirmPasswordReset } from "./confirm-password-reset.ts";
import { registerLogin } from "./login.ts";
import { registerLogout } from "./logout.ts";
import { registerRefresh } from "./refresh.ts";
import { registerRegister } from "./register.ts";
import { registerRequestPasswordReset } from "./request-password-reset.ts";
import { registerVerifyEmail } from "./verify-email.ts";

/** Every /auth route: accounts, sessions and e-mailed tokens. */
export function registerAuthRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const sessions = registerLogout(registerRefresh(registerLogin(registerRegister(app))));
  return registerConfirmPasswordReset(registerRequestPasswordReset(registerVerifyEmail(sessions)));
}
