import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { exportPersonalData } from "../../../gdpr/export-personal-data.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { archiveDisposition, PersonalDataArchiveSchema } from "../privacy-schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/me/data-export",
  tags: ["Privacy"],
  summary: "Export everything ExitMatch holds about me (right of access)",
  description: "One JSON archive, a section per kind of record. The request is recorded in the activity log.",
  access: "signed-in",
  failures: exportPersonalData.failures,
  responses: {
    200: { description: "The archive", content: { "application/json": { schema: PersonalDataArchiveSchema } } },
  },
});

export function registerExportMyData<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const request = signedInRequest(c);
    const archive = await exportPersonalData(c.get("deps"), { userId: request.caller.id }, request);
    c.header("content-disposition", archiveDisposition(request.caller.id));
    return c.json(archive, 200);
  });
}
