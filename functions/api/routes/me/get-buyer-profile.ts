import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { getBuyerProfile } from "../../../buyer-profiles/get-buyer-profile.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { BuyerProfileSchema, toBuyerProfileResponse } from "./buyer-profile-schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/me/buyer-profile",
  tags: ["Buyer profiles"],
  summary: "My acquisition criteria",
  description: "Buyers only; 404 until they have saved a profile.",
  access: "signed-in",
  failures: getBuyerProfile.failures,
  responses: { 200: { description: "The profile", content: { "application/json": { schema: BuyerProfileSchema } } } },
});

export function registerGetBuyerProfile<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) =>
    c.json(toBuyerProfileResponse(await getBuyerProfile(c.get("deps"), {}, signedInRequest(c))), 200),
  );
}
