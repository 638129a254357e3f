import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerAddFinancialYear } from "./add.ts";
import { registerCorrectFinancialYear } from "./correct.ts";
import { registerListFinancials } from "./list.ts";
import { registerRemoveFinancialYear } from "./remove.ts";

/** Every /businesses/{id}/financials route. */
export function registerFinancialRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return registerRemoveFinancialYear(
    registerCorrectFinancialYear(registerAddFinancialYear(registerListFinancials(app))),
  );
}
