import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { suspendUser } from "../../../admin/suspend-user.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { AdminUserSchema, ReasonBodySchema, toAdminUserResponse, UserIdParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/admin/users/{id}/suspend",
  tags: ["Admin"],
  summary: "Suspend a user",
  description: "Admins only. Locks the account at once: every session is revoked. Not for admins.",
  access: "admin",
  failures: suspendUser.failures,
  request: {
    params: UserIdParamsSchema,
    body: { required: true, content: { "application/json": { schema: ReasonBodySchema } } },
  },
  responses: { 200: { description: "Suspended", content: { "application/json": { schema: AdminUserSchema } } } },
});

export function registerSuspendUser<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const input = { userId: c.req.valid("param").id, reason: c.req.valid("json").reason };
    return c.json(toAdminUserResponse(await suspendUser(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
