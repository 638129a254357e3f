import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { viewDocument } from "../../../deal-rooms/view-document.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DocumentParamsSchema, DocumentSchema, toDocumentResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/deal-rooms/{id}/documents/{documentId}",
  tags: ["Deal room documents"],
  summary: "A document's details (logged as a view)",
  description: "Every member with current access. The view is recorded in the room's access log.",
  access: "signed-in",
  failures: viewDocument.failures,
  request: { params: DocumentParamsSchema },
  responses: { 200: { description: "The document", content: { "application/json": { schema: DocumentSchema } } } },
});

export function registerViewDocument<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { id, documentId } = c.req.valid("param");
    const document = await viewDocument(c.get("deps"), { dealRoomId: id, documentId }, signedInRequest(c));
    return c.json(toDocumentResponse(document), 200);
  });
}
