import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { getAdvisorProfile } from "../../../advisors/get-advisor-profile.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { AdvisorProfileSchema, toAdvisorResponse } from "../advisors/schemas.ts";
import { defineRoute } from "../define-route.ts";

const route = defineRoute({
  method: "get",
  path: "/me/advisor-profile",
  tags: ["Advisors"],
  summary: "My advisor profile",
  description: "Advisors only; 404 until they have saved one.",
  access: "signed-in",
  failures: getAdvisorProfile.failures,
  responses: { 200: { description: "The profile", content: { "application/json": { schema: AdvisorProfileSchema } } } },
});

export function registerGetAdvisorProfile<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) =>
    c.json(toAdvisorResponse(await getAdvisorProfile(c.get("deps"), {}, signedInRequest(c))), 200),
  );
}
