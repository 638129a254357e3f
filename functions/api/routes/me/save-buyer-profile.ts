import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { saveBuyerProfile } from "../../../buyer-profiles/save-buyer-profile.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { BuyerProfileInputSchema, BuyerProfileSchema, toBuyerProfileResponse } from "./buyer-profile-schemas.ts";

const route = defineRoute({
  method: "put",
  path: "/me/buyer-profile",
  tags: ["Buyer profiles"],
  summary: "Save my acquisition criteria",
  description: "Buyers only. Replaces the whole profile.",
  access: "signed-in",
  failures: saveBuyerProfile.failures,
  request: { body: { required: true, content: { "application/json": { schema: BuyerProfileInputSchema } } } },
  responses: { 200: { description: "Saved", content: { "application/json": { schema: BuyerProfileSchema } } } },
});

export function registerSaveBuyerProfile<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const profile = await saveBuyerProfile(c.get("deps"), c.req.valid("json"), signedInRequest(c));
    return c.json(toBuyerProfileResponse(profile), 200);
  });
}
