import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { MAX_DOCUMENT_BYTES } from "../../../deal-rooms/document-rules.ts";
import { uploadDocument } from "../../../deal-rooms/upload-document.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";
import { DealRoomParamsSchema, DocumentSchema, FolderSchema, toDocumentResponse } from "./schemas.ts";

/** Upload routes take bodies far larger than the API's JSON limit; app.ts gives them their own. */
export const UPLOAD_ROUTE = /^\/deal-rooms\/[^/]+\/documents$/;

const route = defineRoute({
  method: "post",
  path: "/deal-rooms/{id}/documents",
  tags: ["Deal room documents"],
  summary: "Upload a document, or a new version of one",
  description:
    `The room's owner or an advisor. multipart/form-data with \`file\` (at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB; ` +
    "PDF, Office documents, CSV, text, PNG or JPEG), optional `folder`, and `replaces` (a document id) for a new version.",
  access: "signed-in",
  failures: uploadDocument.failures,
  request: {
    params: DealRoomParamsSchema,
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({
            file: z.instanceof(File, { message: "must be a file" }).openapi({ type: "string", format: "binary" }),
            folder: FolderSchema.optional(),
            replaces: uuid().optional(),
          }),
        },
      },
    },
  },
  responses: { 201: { description: "Stored", content: { "application/json": { schema: DocumentSchema } } } },
});

export function registerUploadDocument<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { dealRoomId: c.req.valid("param").id, ...c.req.valid("form") };
    return c.json(toDocumentResponse(await uploadDocument(c.get("deps"), input, signedInRequest(c))), 201);
  });
}
