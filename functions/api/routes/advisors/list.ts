import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { AdvisorType, UkRegion } from "../../../../generated/prisma/enums.ts";
import { listAdvisors } from "../../../advisors/list-advisors.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { AdvisorProfileSchema, toAdvisorResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/advisors",
  tags: ["Advisors"],
  summary: "Advisor directory",
  description: "Any logged-in user. Filter by region and type.",
  access: "signed-in",
  failures: listAdvisors.failures,
  request: { query: z.object({ region: z.enum(UkRegion).optional(), advisorType: z.enum(AdvisorType).optional() }) },
  responses: {
    200: {
      description: "Advisors",
      content: { "application/json": { schema: z.object({ items: z.array(AdvisorProfileSchema) }) } },
    },
  },
});

export function registerAdvisorRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const profiles = await listAdvisors(c.get("deps"), c.req.valid("query"), signedInRequest(c));
    return c.json({ items: profiles.map(toAdvisorResponse) }, 200);
  });
}
