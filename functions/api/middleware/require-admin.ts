import { createMiddleware } from "hono/factory";
import { AppError } from "../../errors/app-error.ts";
import type { AppEnv } from "../app-context.ts";
import { authenticate } from "./authenticate.ts";

const authenticateRequired = authenticate({ required: true });

/** Authenticates the caller and lets only admins through (403 for everyone else). */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  await authenticateRequired(c, async () => {
    if (c.var.request.caller?.role !== "ADMIN") throw new AppError("forbidden", "Admins only.");
    await next();
  });
});
