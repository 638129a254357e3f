import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { removeDocument } from "../../../deal-rooms/remove-document.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DocumentParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "delete",
  path: "/deal-rooms/{id}/documents/{documentId}",
  tags: ["Deal room documents"],
  summary: "Remove a document (soft delete)",
  description: "The room's owner or an advisor. The file stays in storage until retention removes it.",
  access: "signed-in",
  failures: removeDocument.failures,
  request: { params: DocumentParamsSchema },
  responses: { 204: { description: "Removed" } },
});

export function registerRemoveDocument<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { id, documentId } = c.req.valid("param");
    await removeDocument(c.get("deps"), { dealRoomId: id, documentId }, signedInRequest(c));
    return c.body(null, 204);
  });
}
