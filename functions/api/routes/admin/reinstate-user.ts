import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { reinstateUser } from "../../../admin/reinstate-user.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { AdminUserSchema, toAdminUserResponse, UserIdParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/admin/users/{id}/reinstate",
  tags: ["Admin"],
  summary: "Reinstate a user",
  description: "Admins only. Lifts a suspension.",
  access: "admin",
  failures: reinstateUser.failures,
  request: { params: UserIdParamsSchema },
  responses: { 200: { description: "Done", content: { "application/json": { schema: AdminUserSchema } } } },
});

export function registerReinstateUser<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const user = await reinstateUser(c.get("deps"), { userId: c.req.valid("param").id }, signedInRequest(c));
    return c.json(toAdminUserResponse(user), 200);
  });
}
