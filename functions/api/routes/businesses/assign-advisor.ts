import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { assignAdvisor } from "../../../advisors/assign-advisor.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";
import { IdParamSchema } from "./schemas.ts";

const route = defineRoute({
  method: "put",
  path: "/businesses/{id}/advisor",
  tags: ["Advisors"],
  summary: "Attach an advisor to my listing (or detach with null)",
  description:
    "The listing's seller (or an admin). The advisor must have a recorded AML supervisor and registration number: " +
    "acting as a business transfer agent unregistered is an offence in the UK.",
  access: "signed-in",
  failures: assignAdvisor.failures,
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ advisorProfileId: uuid().nullable() }) } },
    },
  },
  responses: { 204: { description: "Done" } },
});

export function registerAssignAdvisor<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { businessId: c.req.valid("param").id, advisorProfileId: c.req.valid("json").advisorProfileId };
    await assignAdvisor(c.get("deps"), input, signedInRequest(c));
    return c.body(null, 204);
  });
}
