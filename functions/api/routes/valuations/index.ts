import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerCreateValuation } from "./create.ts";
import { registerListValuations } from "./list.ts";
import { registerWithdrawValuation } from "./withdraw.ts";

/** Every /businesses/{id}/valuations route. */
export function registerValuationRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return registerWithdrawValuation(registerCreateValuation(registerListValuations(app)));
}
