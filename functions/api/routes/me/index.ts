import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerDeleteBuyerProfile } from "./delete-buyer-profile.ts";
import { registerExportMyData } from "./export-data.ts";
import { registerGetAccount } from "./get-account.ts";
import { registerGetAdvisorProfile } from "./get-advisor-profile.ts";
import { registerGetBuyerProfile } from "./get-buyer-profile.ts";
import { registerListMatches } from "./list-matches.ts";
import { registerRequestErasure } from "./request-erasure.ts";
import { registerSaveAdvisorProfile } from "./save-advisor-profile.ts";
import { registerSaveBuyerProfile } from "./save-buyer-profile.ts";

/** Every /me route: the signed-in person's own account, profiles, matches and personal data. */
export function registerMeRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const account = registerGetAccount(app);
  const buyer = registerListMatches(
    registerDeleteBuyerProfile(registerSaveBuyerProfile(registerGetBuyerProfile(account))),
  );
  const advisor = registerSaveAdvisorProfile(registerGetAdvisorProfile(buyer));
  return registerRequestErasure(registerExportMyData(advisor));
}
