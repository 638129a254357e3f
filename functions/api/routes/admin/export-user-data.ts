import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { exportPersonalData } from "../../../gdpr/export-personal-data.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { archiveDisposition, PersonalDataArchiveSchema } from "../privacy-schemas.ts";
import { UserIdParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/admin/users/{id}/data-export",
  tags: ["Privacy"],
  summary: "Export a person's data (subject access request)",
  description: "Admins only. The same archive the person gets; the request is recorded in the activity log.",
  access: "admin",
  failures: exportPersonalData.failures,
  request: { params: UserIdParamsSchema },
  responses: {
    200: { description: "The archive", content: { "application/json": { schema: PersonalDataArchiveSchema } } },
  },
});

export function registerExportUserData<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const userId = c.req.valid("param").id;
    const archive = await exportPersonalData(c.get("deps"), { userId }, signedInRequest(c));
    c.header("content-disposition", archiveDisposition(userId));
    return c.json(archive, 200);
  });
}
