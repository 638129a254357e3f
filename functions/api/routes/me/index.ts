import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerCreateSavedSearch } from "./create-saved-search.ts";
import { registerDeleteBuyerProfile } from "./delete-buyer-profile.ts";
import { registerDeleteSavedSearch } from "./delete-saved-search.ts";
import { registerExportMyData } from "./export-data.ts";
import { registerGetAccount } from "./get-account.ts";
import { registerGetAdvisorProfile } from "./get-advisor-profile.ts";
import { registerGetBuyerProfile } from "./get-buyer-profile.ts";
import { registerGetNotificationPreferences } from "./get-notification-preferences.ts";
import { registerGetSavedSearch } from "./get-saved-search.ts";
import { registerListMatches } from "./list-matches.ts";
import { registerListNotifications } from "./list-notifications.ts";
import { registerListSavedSearches } from "./list-saved-searches.ts";
import { registerMarkNotificationsRead } from "./mark-notifications-read.ts";
import { registerRequestErasure } from "./request-erasure.ts";
import { registerSaveAdvisorProfile } from "./save-advisor-profile.ts";
import { registerSaveBuyerProfile } from "./save-buyer-profile.ts";
import { registerUpdateNotificationPreferences } from "./update-notification-preferences.ts";
import { registerUpdateSavedSearch } from "./update-saved-search.ts";

/** Every /me route: the signed-in person's own account, profiles, matches, saved searches, notifications and personal data. */
export function registerMeRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const account = registerGetAccount(app);
  const buyer = registerListMatches(
    registerDeleteBuyerProfile(registerSaveBuyerProfile(registerGetBuyerProfile(account))),
  );
  const advisor = registerSaveAdvisorProfile(registerGetAdvisorProfile(buyer));
  const notifications = registerMarkNotificationsRead(
    registerListNotifications(registerUpdateNotificationPreferences(registerGetNotificationPreferences(advisor))),
  );
  const searches = registerDeleteSavedSearch(
    registerUpdateSavedSearch(
      registerGetSavedSearch(registerCreateSavedSearch(registerListSavedSearches(notifications))),
    ),
  );
  return registerRequestErasure(registerExportMyData(searches));
}
