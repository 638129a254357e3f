import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerAssignAdvisor } from "./assign-advisor.ts";
import { registerChangeBusinessStatus } from "./change-status.ts";
import { registerCreateBusiness } from "./create.ts";
import { registerDeleteBusiness } from "./delete.ts";
import { registerGetBusiness } from "./get.ts";
import { registerInterestedBuyers } from "./interested-buyers.ts";
import { registerSearchBusinesses } from "./search.ts";
import { registerUpdateBusiness } from "./update.ts";

/** Every /businesses route of a listing itself (its financials, valuations and inquiries have folders of their own). */
export function registerBusinessRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const listings = registerDeleteBusiness(
    registerChangeBusinessStatus(
      registerUpdateBusiness(registerCreateBusiness(registerGetBusiness(registerSearchBusinesses(app)))),
    ),
  );
  return registerAssignAdvisor(registerInterestedBuyers(listings));
}
