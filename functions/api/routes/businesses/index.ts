import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerChangeBusinessStatus } from "./change-status.ts";
import { registerCreateBusiness } from "./create.ts";
import { registerDeleteBusiness } from "./delete.ts";
import { registerGetBusiness } from "./get.ts";
import { registerSearchBusinesses } from "./search.ts";
import { registerUpdateBusiness } from "./update.ts";

export function registerBusinessRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return registerDeleteBusiness(
    registerChangeBusinessStatus(
      registerUpdateBusiness(registerCreateBusiness(registerGetBusiness(registerSearchBusinesses(app)))),
    ),
  );
}
