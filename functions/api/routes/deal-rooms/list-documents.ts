import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { listDocuments } from "../../../deal-rooms/list-documents.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealRoomParamsSchema, DocumentSchema, FolderSchema, toDocumentResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/deal-rooms/{id}/documents",
  tags: ["Deal room documents"],
  summary: "The room's documents (latest versions)",
  description: "Every member with current access.",
  access: "signed-in",
  failures: listDocuments.failures,
  request: { params: DealRoomParamsSchema, query: z.object({ folder: FolderSchema.optional() }) },
  responses: {
    200: {
      description: "Documents by folder and name",
      content: { "application/json": { schema: z.object({ items: z.array(DocumentSchema) }) } },
    },
  },
});

export function registerListDocuments<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { dealRoomId: c.req.valid("param").id, folder: c.req.valid("query").folder };
    const documents = await listDocuments(c.get("deps"), input, signedInRequest(c));
    return c.json({ items: documents.map(toDocumentResponse) }, 200);
  });
}
