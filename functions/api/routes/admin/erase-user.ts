import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { eraseUserNow } from "../../../gdpr/erase-user-now.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";
import { UserIdParamsSchema } from "./schemas.ts";

const ErasureReportSchema = z
  .object({
    userId: uuid(),
    erasedAt: z.iso.datetime(),
    anonymised: z.array(z.object({ table: z.string(), rows: z.number().int() })),
    deleted: z.array(z.object({ table: z.string(), rows: z.number().int() })),
    filesRemoved: z.number().int(),
    kept: z.array(z.object({ table: z.string(), rows: z.number().int(), reason: z.string() })),
  })
  .openapi("ErasureReport");

const route = defineRoute({
  method: "post",
  path: "/admin/users/{id}/erasure",
  tags: ["Privacy"],
  summary: "Erase a person now (right to be forgotten)",
  description: "Anonymises every personal field, revokes sessions, removes their files; says what was kept and why.",
  access: "admin",
  failures: eraseUserNow.failures,
  request: { params: UserIdParamsSchema },
  responses: { 200: { description: "Erased", content: { "application/json": { schema: ErasureReportSchema } } } },
});

export function registerEraseUser<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) =>
    c.json(await eraseUserNow(c.get("deps"), { userId: c.req.valid("param").id }, signedInRequest(c)), 200),
  );
}
