import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { downloadHeadsOfTerms } from "../../../deals/download-heads-of-terms.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealIdParamSchema } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/deals/{id}/heads-of-terms",
  tags: ["Deals"],
  summary: "Download the heads of terms (PDF)",
  description:
    "Both parties, the listing's advisor and admins. `Repr-Digest` (RFC 9530) carries the SHA-256 stored when the " +
    "PDF was made; it equals `headsOfTerms.sha256` of the deal and what each party signed.",
  access: "signed-in",
  failures: downloadHeadsOfTerms.failures,
  request: { params: DealIdParamSchema },
  responses: {
    200: {
      description: "The PDF",
      content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
    },
  },
});

export function registerDownloadHeadsOfTerms<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { bytes, sha256, fileName } = await downloadHeadsOfTerms(
      c.get("deps"),
      { dealId: c.req.valid("param").id },
      signedInRequest(c),
    );
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/pdf",
      "content-length": String(bytes.byteLength),
      "content-disposition": `attachment; filename="${fileName}"`,
      "repr-digest": `sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    });
  });
}
