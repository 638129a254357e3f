import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { downloadDocument } from "../../../deal-rooms/download-document.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DocumentParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/deal-rooms/{id}/documents/{documentId}/content",
  tags: ["Deal room documents"],
  summary: "Download a document (logged)",
  description: "Every member with current access. The download is recorded in the room's access log.",
  access: "signed-in",
  failures: downloadDocument.failures,
  request: { params: DocumentParamsSchema },
  responses: {
    200: {
      description: "The file",
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
    302: { description: "Redirect to a one-minute download URL (S3 storage)" },
  },
});

export function registerDownloadDocument<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { id, documentId } = c.req.valid("param");
    const download = await downloadDocument(c.get("deps"), { dealRoomId: id, documentId }, signedInRequest(c));
    if ("url" in download) return c.redirect(download.url, 302);
    const { document, bytes } = download;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": document.contentType,
      "content-length": String(bytes.byteLength),
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    });
  });
}
