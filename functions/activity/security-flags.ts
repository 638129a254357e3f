import type { PrismaClient } from "../../generated/prisma/client.ts";

/**
 * Suspicious patterns the activity log flags as it records them ("monitor suspicious
 * patterns"). Admins list flagged events (GET /admin/activity?flagged=true); an alarm can watch
 * the count of flagged rows (indexed on security_flag, occurred_at).
 */
export const SecurityFlag = {
  /** An account's failed logins reached the throttle's limit. */
  failedLoginBurstAccount: "failed_login_burst_account",
  /** One IP address's failed logins (over any accounts) reached the limit. */
  failedLoginBurstIp: "failed_login_burst_ip",
  /** One user viewed or downloaded an unusual number of deal-room documents in a short time. */
  documentAccessBurst: "document_access_burst",
  /** Someone used (or tried to log in to) a suspended account. */
  suspendedAccountAccess: "suspended_account_access",
} as const;
export type SecurityFlag = (typeof SecurityFlag)[keyof typeof SecurityFlag];

/** Failed logins per account, and per IP address, within the window that raise a flag. */
export const FAILED_LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const FAILED_LOGINS_PER_ACCOUNT = 5;
export const FAILED_LOGINS_PER_IP = 20;
/** Document views and downloads by one user within the window that raise a flag. */
export const DOCUMENT_ACCESS_WINDOW_MS = 10 * 60 * 1000;
export const DOCUMENT_ACCESSES_PER_WINDOW = 30;

export interface FlaggableActivity {
  userId?: string | null | undefined;
  action: string;
  occurredAt: Date;
}

/**
 * The flag for a failed login, from the failures the login throttle already counted in the
 * window before it (so the failed-login path counts once).
 */
export function failedLoginFlag(failuresBefore: { byAccount: number; byIp: number }): SecurityFlag | undefined {
  if (failuresBefore.byAccount + 1 >= FAILED_LOGINS_PER_ACCOUNT) return SecurityFlag.failedLoginBurstAccount;
  if (failuresBefore.byIp + 1 >= FAILED_LOGINS_PER_IP) return SecurityFlag.failedLoginBurstIp;
  return undefined;
}

/**
 * The flag for an activity about to be recorded, counting the earlier events of its kind in the
 * window (this one included), or undefined. Failed logins are flagged by failedLoginFlag.
 */
export async function securityFlagFor(
  prisma: Pick<PrismaClient, "activityLog">,
  activity: FlaggableActivity,
): Promise<SecurityFlag | undefined> {
  switch (activity.action) {
    case "auth.suspended_access":
      return SecurityFlag.suspendedAccountAccess;
    case "document.viewed":
    case "document.downloaded": {
      if (!activity.userId) return undefined;
      const accesses =
        (await prisma.activityLog.count({
          where: {
            userId: activity.userId,
            action: { in: ["document.viewed", "document.downloaded"] },
            occurredAt: { gte: new Date(activity.occurredAt.getTime() - DOCUMENT_ACCESS_WINDOW_MS) },
          },
        })) + 1;
      return accesses >= DOCUMENT_ACCESSES_PER_WINDOW ? SecurityFlag.documentAccessBurst : undefined;
    }
    default:
      return undefined;
  }
}
