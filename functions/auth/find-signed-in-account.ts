import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { UserRole, UserStatus } from "../../generated/prisma/enums.ts";
import type { AccessTokenClaims } from "./access-token.ts";

export interface SignedInAccount {
  id: string;
  role: UserRole;
  email: string;
  status: UserStatus;
  deletedAt: Date | null;
  /** Whether the token's login session (refresh-token family) is still live. */
  sessionLive: boolean;
}

/**
 * The account behind a verified access token, and whether the token's login session is still
 * live, in one round trip: every authenticated request runs this, so it costs what the account
 * lookup alone cost before (bench:session, "authenticate"). Checking the session on every
 * request, instead of a cache or a session version in the token, means a logout, a password
 * reset or a suspension takes effect on the very next request, on every Lambda container.
 */
export async function findSignedInAccount(
  prisma: PrismaClient,
  claims: AccessTokenClaims,
  now: Date,
): Promise<SignedInAccount | undefined> {
  const [row] = await prisma.$queryRaw<
    {
      id: string;
      role: UserRole;
      email: string;
      status: UserStatus;
      deleted_at: Date | null;
      session_live: boolean;
    }[]
  >`
    SELECT u.id::text, u.role::text AS role, u.email, u.status::text AS status, u.deleted_at,
           EXISTS (SELECT 1 FROM sessions s
                   WHERE s.family_id = ${claims.sessionId}::uuid AND s.user_id = u.id
                     AND s.revoked_at IS NULL AND s.expires_at > ${now}) AS session_live
    FROM users u
    WHERE u.id = ${claims.userId}::uuid`;
  if (!row) return undefined;
  return {
    id: row.id,
    role: row.role,
    email: row.email,
    status: row.status,
    deletedAt: row.deleted_at,
    sessionLive: row.session_live,
  };
}
