import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { User } from "../../../../generated/prisma/client.ts";
import { revokeAllSessions } from "../../../auth/sessions.ts";
import type { FieldCipher } from "../../../crypto/field-cipher.ts";
import { phoneBlindIndex } from "../../../crypto/phone-number.ts";
import { AppError } from "../../../errors/app-error.ts";
import type { AppEnv } from "../../app-context.ts";
import { currentUser } from "../../middleware/authenticate.ts";
import { requireAdmin } from "../../middleware/require-admin.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { uuid } from "../uuid.ts";

const AdminUserSchema = z
  .object({
    id: uuid(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    role: z.enum(["ADMIN", "SELLER", "BUYER", "ADVISOR"]),
    status: z.enum(["ACTIVE", "SUSPENDED"]),
    emailVerified: z.boolean(),
    verifiedAt: z.iso.datetime().nullable(),
    lastLoginAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("AdminUser");

function toResponse(cipher: FieldCipher, user: User): z.infer<typeof AdminUserSchema> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    phone: cipher.decryptOptional("users.phone", user.phone),
    role: user.role,
    status: user.status,
    emailVerified: user.emailVerifiedAt !== null,
    verifiedAt: user.verifiedAt?.toISOString() ?? null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

const UserIdParams = z.object({ id: uuid().openapi({ param: { name: "id", in: "path" } }) });

const search = createRoute({
  method: "get",
  path: "/admin/users",
  tags: ["Admin"],
  summary: "Search users",
  description:
    "Admins only. `q` matches email or name (case-insensitive); `phone` finds the account with that number " +
    "however it is spaced (an exact match: phone numbers are stored encrypted, with a blind index). " +
    "Ordered by email; page with `after` (the last email).",
  security: bearerAuth,
  middleware: [requireAdmin] as const,
  request: {
    query: z.object({
      q: z.string().trim().min(1).max(200).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[\d\s()-]{7,25}$/, "must be a phone number")
        .optional()
        .openapi({ example: "0161 496 0201" }),
      role: z.enum(["ADMIN", "SELLER", "BUYER", "ADVISOR"]).optional(),
      status: z.enum(["ACTIVE", "SUSPENDED"]).optional(),
      after: z.string().max(254).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
  },
  responses: {
    200: {
      description: "Users",
      content: { "application/json": { schema: z.object({ items: z.array(AdminUserSchema) }) } },
    },
    ...problems(400, 401, 403),
  },
});

const actionRoute = <Action extends "verify" | "reinstate">(action: Action, summary: string, description: string) =>
  createRoute({
    method: "post",
    path: `/admin/users/{id}/${action}` as `/admin/users/{id}/${Action}`,
    tags: ["Admin"],
    summary,
    description,
    security: bearerAuth,
    middleware: [requireAdmin] as const,
    request: { params: UserIdParams },
    responses: {
      200: { description: "Done", content: { "application/json": { schema: AdminUserSchema } } },
      ...problems(400, 401, 403, 404),
    },
  });

const verify = actionRoute(
  "verify",
  "Verify a user",
  "Admins only. Records that the user's identity was checked, and by whom.",
);
const reinstate = actionRoute("reinstate", "Reinstate a user", "Admins only. Lifts a suspension.");
const suspend = createRoute({
  method: "post",
  path: "/admin/users/{id}/suspend",
  tags: ["Admin"],
  summary: "Suspend a user",
  description: "Admins only. Locks the account at once: every session is revoked. Not for admins.",
  security: bearerAuth,
  middleware: [requireAdmin] as const,
  request: {
    params: UserIdParams,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ reason: z.string().trim().min(5).max(1000) }) } },
    },
  },
  responses: {
    200: { description: "Suspended", content: { "application/json": { schema: AdminUserSchema } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

export function registerAdminUserRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const target = async (prisma: AppEnv["Variables"]["deps"]["prisma"], id: string) => {
    const user = await prisma.user.findFirst({ where: { id, deletedAt: null } });
    if (!user) throw new AppError("not_found", "No such user.");
    return user;
  };
  return app
    .openapi(search, async (c) => {
      const { q, phone, role, status, after, limit } = c.req.valid("query");
      const { prisma, fieldCipher } = c.get("deps");
      const users = await prisma.user.findMany({
        where: {
          deletedAt: null,
          ...(phone ? { phoneBlindIndex: phoneBlindIndex(fieldCipher, phone) } : {}),
          ...(q
            ? { OR: [{ email: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] }
            : {}),
          ...(role ? { role } : {}),
          ...(status ? { status } : {}),
          ...(after ? { email: { gt: after } } : {}),
        },
        orderBy: { email: "asc" },
        take: limit,
      });
      return c.json({ items: users.map((user) => toResponse(fieldCipher, user)) }, 200);
    })
    .openapi(verify, async (c) => {
      const { prisma } = c.get("deps");
      const user = await target(prisma, c.req.valid("param").id);
      const updated = await prisma.user.update({
        where: { id: user.id },
        data: { verifiedAt: c.var.request.receivedAt, verifiedById: currentUser(c).id },
      });
      return c.json(toResponse(c.get("deps").fieldCipher, updated), 200);
    })
    .openapi(suspend, async (c) => {
      const { prisma } = c.get("deps");
      const user = await target(prisma, c.req.valid("param").id);
      if (user.role === "ADMIN") throw new AppError("conflict", "Admins cannot be suspended here.");
      const [updated] = await prisma.$transaction([
        prisma.user.update({ where: { id: user.id }, data: { status: "SUSPENDED" } }),
        revokeAllSessions(prisma, user.id, c.var.request.receivedAt),
        prisma.activityLog.create({
          data: {
            userId: currentUser(c).id,
            action: "admin.user_suspended",
            entityType: "user",
            entityId: user.id,
            metadata: { reason: c.req.valid("json").reason },
            occurredAt: c.var.request.receivedAt,
          },
        }),
      ]);
      return c.json(toResponse(c.get("deps").fieldCipher, updated), 200);
    })
    .openapi(reinstate, async (c) => {
      const { prisma } = c.get("deps");
      const user = await target(prisma, c.req.valid("param").id);
      const updated = await prisma.user.update({ where: { id: user.id }, data: { status: "ACTIVE" } });
      return c.json(toResponse(c.get("deps").fieldCipher, updated), 200);
    });
}
