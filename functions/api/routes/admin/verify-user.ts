import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { verifyUser } from "../../../admin/verify-user.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { AdminUserSchema, toAdminUserResponse, UserIdParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/admin/users/{id}/verify",
  tags: ["Admin"],
  summary: "Verify a user",
  description: "Admins only. Records that the user's identity was checked, and by whom.",
  access: "admin",
  failures: verifyUser.failures,
  request: { params: UserIdParamsSchema },
  responses: { 200: { description: "Done", content: { "application/json": { schema: AdminUserSchema } } } },
});

export function registerVerifyUser<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const user = await verifyUser(c.get("deps"), { userId: c.req.valid("param").id }, signedInRequest(c));
    return c.json(toAdminUserResponse(user), 200);
  });
}
