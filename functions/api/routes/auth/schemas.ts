import { z } from "@hono/zod-openapi";
import type { User } from "../../../../generated/prisma/client.ts";
import { UserRole, UserStatus } from "../../../../generated/prisma/enums.ts";
import { uuid } from "../uuid.ts";

/** The roles anyone can sign up for; admins are made by seed or by another admin. */
export const SELF_SERVICE_ROLES = [UserRole.SELLER, UserRole.BUYER, UserRole.ADVISOR] as const;

export const EmailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase())
  .openapi({ example: "tom.bradshaw@bradshawcapital.co.uk" });

/** NCSC guidance: length over complexity rules; 12 characters minimum, 128 maximum. */
export const PasswordSchema = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(128)
  .openapi({ example: "correct-horse-battery" });

export const TokenPairSchema = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    tokenType: z.literal("Bearer"),
    expiresIn: z.number().int().openapi({ description: "Seconds until the access token expires" }),
  })
  .openapi("TokenPair");

export const UserSchema = z
  .object({
    id: uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(UserRole),
    status: z.enum(UserStatus),
    emailVerified: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .openapi("User");

/** The answer to a request whose outcome arrives by e-mail (registration, password reset). */
export const AcceptedSchema = z.object({ message: z.string() }).openapi("Accepted");

/** The one answer such a request gets, whatever happened (so it cannot be used to find accounts). */
export const ACCEPTED = { message: "Check your email to continue." };

export const TokenBodySchema = z.object({ token: z.string().min(1).max(512) });

export const RefreshTokenBodySchema = z.object({ refreshToken: z.string().min(1).max(512) });

export function toUserResponse(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    emailVerified: user.emailVerifiedAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}
