import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { type SecurityFlag, securityFlagFor } from "./security-flags.ts";

/** What people did, for their own history and for security review (the activity log). */
export const ActivityAction = {
  login: "auth.login",
  loginFailed: "auth.login_failed",
  logout: "auth.logout",
  suspendedAccess: "auth.suspended_access",
  listingViewed: "listing.viewed",
  listingsSearched: "listing.searched",
  ndaAccepted: "nda.accepted",
  documentViewed: "document.viewed",
  documentDownloaded: "document.downloaded",
  documentUploaded: "document.uploaded",
  documentDeleted: "document.deleted",
  memberAdded: "deal_room.member_added",
  memberRevoked: "deal_room.member_revoked",
  dataExportRequested: "gdpr.export_requested",
  erasureRequested: "gdpr.erasure_requested",
  erasurePerformed: "gdpr.erasure_performed",
} as const;
export type ActivityAction = (typeof ActivityAction)[keyof typeof ActivityAction];

export interface ActivityEntry {
  /** When it happened, from the caller's clock (functions/clock/clock.ts). */
  occurredAt: Date;
  userId?: string | null | undefined;
  action: ActivityAction;
  entityType?: string | undefined;
  entityId?: string | undefined;
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
  metadata?: Prisma.InputJsonValue;
  /** A flag the caller already decided (failed logins); otherwise securityFlagFor decides. */
  securityFlag?: SecurityFlag | undefined;
}

/** Records an activity, flagged when it fits a suspicious pattern (security-flags.ts). */
export async function recordActivity(
  prisma: Pick<PrismaClient, "activityLog">,
  entry: ActivityEntry,
): Promise<{ securityFlag: SecurityFlag | undefined }> {
  const securityFlag = entry.securityFlag ?? (await securityFlagFor(prisma, entry));
  await prisma.activityLog.create({
    data: {
      occurredAt: entry.occurredAt,
      userId: entry.userId ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      ipAddress: entry.ipAddress ?? null,
      userAgent: entry.userAgent?.slice(0, 512) ?? null,
      securityFlag: securityFlag ?? null,
      ...(entry.metadata !== undefined ? { metadata: entry.metadata } : {}),
    },
  });
  if (securityFlag) logSecurityFlag(securityFlag, entry);
  return { securityFlag };
}

/**
 * One JSON line per flagged event, event "security_flag" (a CloudWatch metric filter counts
 * them: infra/alarms.ts). The flag and the action only: who and from where stay in the
 * activity log, where access is controlled.
 */
function logSecurityFlag(flag: SecurityFlag, entry: ActivityEntry) {
  process.stderr.write(
    `${JSON.stringify({ level: 40, time: entry.occurredAt.getTime(), event: "security_flag", flag, action: entry.action })}\n`,
  );
}
