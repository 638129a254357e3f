import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { saveAdvisorProfile } from "../../../advisors/save-advisor-profile.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { AdvisorProfileInputSchema, AdvisorProfileSchema, toAdvisorResponse } from "../advisors/schemas.ts";
import { defineRoute } from "../define-route.ts";

const route = defineRoute({
  method: "put",
  path: "/me/advisor-profile",
  tags: ["Advisors"],
  summary: "Save my advisor profile",
  description:
    "Advisors only. UK business brokers must be registered for AML supervision; record the supervisor and number.",
  access: "signed-in",
  failures: saveAdvisorProfile.failures,
  request: { body: { required: true, content: { "application/json": { schema: AdvisorProfileInputSchema } } } },
  responses: { 200: { description: "Saved", content: { "application/json": { schema: AdvisorProfileSchema } } } },
});

export function registerSaveAdvisorProfile<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const profile = await saveAdvisorProfile(c.get("deps"), c.req.valid("json"), signedInRequest(c));
    return c.json(toAdvisorResponse(profile), 200);
  });
}
