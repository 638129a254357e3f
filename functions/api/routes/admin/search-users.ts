import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { UserRole, UserStatus } from "../../../../generated/prisma/enums.ts";
import { searchUsers } from "../../../admin/search-users.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { AdminUserSchema, toAdminUserResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/admin/users",
  tags: ["Admin"],
  summary: "Search users",
  description:
    "Admins only. `q` matches email or name (case-insensitive); `phone` finds the account with that number " +
    "however it is spaced (an exact match: phone numbers are stored encrypted, with a blind index). " +
    "Ordered by email; page with `after` (the last email).",
  access: "admin",
  failures: searchUsers.failures,
  request: {
    query: z.object({
      q: z.string().trim().min(1).max(200).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[\d\s()-]{7,25}$/, "must be a phone number")
        .optional()
        .openapi({ example: "0161 496 0201" }),
      role: z.enum(UserRole).optional(),
      status: z.enum(UserStatus).optional(),
      after: z.string().max(254).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
  },
  responses: {
    200: {
      description: "Users",
      content: { "application/json": { schema: z.object({ items: z.array(AdminUserSchema) }) } },
    },
  },
});

export function registerSearchUsers<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const users = await searchUsers(c.get("deps"), c.req.valid("query"), signedInRequest(c));
    return c.json({ items: users.map(toAdminUserResponse) }, 200);
  });
}
