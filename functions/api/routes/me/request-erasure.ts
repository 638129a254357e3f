import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { USER_RETENTION_DAYS } from "../../../domain/retention-periods.ts";
import { requestErasure } from "../../../gdpr/request-erasure.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";

const ErasureRequestSchema = z
  .object({
    userId: uuid(),
    requestedAt: z.iso.datetime(),
    erasureDueBy: z.iso.datetime(),
    legalHolds: z.array(z.object({ records: z.string(), reason: z.string() })),
  })
  .openapi("ErasureRequest");

const route = defineRoute({
  method: "post",
  path: "/me/erasure",
  tags: ["Privacy"],
  summary: "Ask to be forgotten (right to erasure)",
  description:
    `Closes the account at once (signed out everywhere, no longer visible) and erases the person's data within ` +
    `${USER_RETENTION_DAYS} days (the retention job), or sooner when an admin acts. Records under a legal hold are ` +
    "anonymised rather than deleted; the response lists them. Admins are erased by an operator (403).",
  access: "signed-in",
  failures: requestErasure.failures,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ confirm: z.literal("erase my account") }) } },
    },
  },
  responses: {
    202: { description: "Requested", content: { "application/json": { schema: ErasureRequestSchema } } },
  },
});

export function registerRequestErasure<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const erasure = await requestErasure(c.get("deps"), {}, signedInRequest(c));
    return c.json(
      {
        ...erasure,
        requestedAt: erasure.requestedAt.toISOString(),
        erasureDueBy: erasure.erasureDueBy.toISOString(),
      },
      202,
    );
  });
}
