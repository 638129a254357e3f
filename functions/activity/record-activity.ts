import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

/** What people did, for their own history and for security review (the activity log). */
export const ActivityAction = {
  documentViewed: "document.viewed",
  documentDownloaded: "document.downloaded",
  documentUploaded: "document.uploaded",
  documentDeleted: "document.deleted",
  memberAdded: "deal_room.member_added",
  memberRevoked: "deal_room.member_revoked",
} as const;

export async function recordActivity(
  prisma: Pick<PrismaClient, "activityLog">,
  entry: {
    userId: string;
    action: (typeof ActivityAction)[keyof typeof ActivityAction];
    entityType: string;
    entityId: string;
    ipAddress?: string | undefined;
    userAgent?: string | undefined;
    metadata?: Prisma.InputJsonValue;
  },
) {
  await prisma.activityLog.create({
    data: {
      userId: entry.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      ipAddress: entry.ipAddress ?? null,
      userAgent: entry.userAgent?.slice(0, 512) ?? null,
      ...(entry.metadata !== undefined ? { metadata: entry.metadata } : {}),
    },
  });
}
