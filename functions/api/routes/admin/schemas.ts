import { z } from "@hono/zod-openapi";
import type { User } from "../../../../generated/prisma/client.ts";
import { UserRole, UserStatus } from "../../../../generated/prisma/enums.ts";
import { uuid } from "../uuid.ts";

export const AdminUserSchema = z
  .object({
    id: uuid(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    role: z.enum(UserRole),
    status: z.enum(UserStatus),
    emailVerified: z.boolean(),
    verifiedAt: z.iso.datetime().nullable(),
    lastLoginAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("AdminUser");

/** A user as admins read them (admin/readable-user.ts: the phone number decrypted). */
export function toAdminUserResponse(user: User): z.infer<typeof AdminUserSchema> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    phone: user.phone,
    role: user.role,
    status: user.status,
    emailVerified: user.emailVerifiedAt !== null,
    verifiedAt: user.verifiedAt?.toISOString() ?? null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export const UserIdParamsSchema = z.object({ id: uuid().openapi({ param: { name: "id", in: "path" } }) });

/** Why an admin acted, kept in the activity log. */
export const ReasonBodySchema = z.object({ reason: z.string().trim().min(5).max(1000) });
