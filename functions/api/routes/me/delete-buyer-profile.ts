import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { deleteBuyerProfile } from "../../../buyer-profiles/delete-buyer-profile.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";

const route = defineRoute({
  method: "delete",
  path: "/me/buyer-profile",
  tags: ["Buyer profiles"],
  summary: "Delete my acquisition criteria",
  description: "Buyers only. Stops matching (soft delete; saving a profile again restores matching).",
  access: "signed-in",
  failures: deleteBuyerProfile.failures,
  responses: { 204: { description: "Deleted" } },
});

export function registerDeleteBuyerProfile<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    await deleteBuyerProfile(c.get("deps"), {}, signedInRequest(c));
    return c.body(null, 204);
  });
}
