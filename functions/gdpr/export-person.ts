import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import { runWithDatabaseSession } from "../db/database-session.ts";
import { auditRowsAbout } from "./erase-person.ts";

/** Makes the archive JSON-safe: money and ids stored as BigInt become strings. */
function plain<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? item.toString() : item)));
}

/**
 * The right of access: everything ExitMatch holds about a person, as one machine-readable JSON
 * archive with a section per kind of record. Secrets are left out (the password hash, token
 * hashes); they identify nothing and would only weaken the account. Runs as a system session so
 * row-level security shows the person's own records wherever they are.
 */
export async function exportPerson(
  prisma: PrismaClient,
  cipher: FieldCipher,
  userId: string,
  context: { requestId?: string; now: Date },
) {
  return runWithDatabaseSession({ system: true, requestId: context.requestId }, async () => {
    const user = await prisma.user.findUniqueOrThrow({
      where: { id: userId, deletedAt: undefined },
      omit: { passwordHash: true, phoneBlindIndex: true },
    });
    const [
      sessions,
      buyerProfile,
      advisorProfile,
      businesses,
      inquiries,
      memberships,
      documents,
      questions,
      activity,
      audit,
      messages,
      notifications,
      notificationPreferences,
      savedSearches,
      offers,
      deals,
      signatures,
      dueDiligence,
    ] = await Promise.all([
      prisma.session.findMany({ where: { userId }, omit: { refreshTokenHash: true }, orderBy: { createdAt: "asc" } }),
      prisma.buyerProfile.findFirst({ where: { userId, deletedAt: undefined }, include: { matches: true } }),
      prisma.advisorProfile.findFirst({ where: { userId, deletedAt: undefined } }),
      prisma.business.findMany({
        where: { sellerId: userId, deletedAt: undefined },
        include: {
          financials: { where: { deletedAt: undefined } },
          valuations: { where: { deletedAt: undefined } },
        },
      }),
      prisma.inquiry.findMany({ where: { buyerId: userId, deletedAt: undefined } }),
      prisma.dealRoomMember.findMany({
        where: { userId },
        include: { dealRoom: { select: { id: true, name: true } } },
      }),
      prisma.document.findMany({ where: { uploadedById: userId, deletedAt: undefined }, omit: { storageKey: true } }),
      prisma.dealRoomQuestion.findMany({
        where: { OR: [{ askedById: userId }, { answeredById: userId }], deletedAt: undefined },
      }),
      prisma.activityLog.findMany({ where: { userId }, orderBy: { id: "asc" } }),
      prisma.auditLog.findMany({
        where: auditRowsAbout(userId),
        omit: { prevHash: true, hash: true },
        orderBy: { id: "asc" },
      }),
      prisma.outboxMessage.findMany({
        where: { recipientUserId: userId },
        select: { kind: true, recipientEmail: true, subject: true, status: true, createdAt: true, sentAt: true },
        orderBy: { createdAt: "asc" },
      }),
      prisma.notification.findMany({ where: { userId }, omit: { dedupeKey: true }, orderBy: { createdAt: "asc" } }),
      prisma.notificationPreference.findMany({ where: { userId }, orderBy: { topic: "asc" } }),
      prisma.savedSearch.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }),
      prisma.offer.findMany({
        where: { buyerId: userId },
        include: { versions: { orderBy: { number: "asc" } } },
        orderBy: { createdAt: "asc" },
      }),
      prisma.deal.findMany({
        where: { OR: [{ buyerId: userId }, { sellerId: userId }] },
        include: { exclusivity: true },
        orderBy: { createdAt: "asc" },
      }),
      prisma.dealSignature.findMany({ where: { userId }, orderBy: { signedAt: "asc" } }),
      prisma.buyerDueDiligence.findUnique({ where: { buyerId: userId } }),
    ]);
    return plain({
      format: "exitmatch-personal-data-export",
      version: 1,
      exportedAt: context.now.toISOString(),
      // Encrypted fields are given in the clear: the archive is for the person they describe.
      user: { ...user, phone: cipher.decryptOptional("users.phone", user.phone) },
      sessions,
      buyerProfile,
      advisorProfile: advisorProfile && {
        ...advisorProfile,
        amlRegistrationNumber: cipher.decryptOptional(
          "advisor_profiles.aml_registration_number",
          advisorProfile.amlRegistrationNumber,
        ),
      },
      businesses,
      inquiries: inquiries.map((inquiry) => ({
        ...inquiry,
        ndaAcceptedIp: cipher.decryptOptional("inquiries.nda_accepted_ip", inquiry.ndaAcceptedIp),
      })),
      dealRoomMemberships: memberships,
      documentsUploaded: documents,
      dealRoomQuestions: questions,
      activity,
      auditTrail: audit,
      // E-mails we sent or are about to send them (their text is left out: it holds single-use links).
      messages,
      notifications,
      notificationPreferences,
      savedSearches,
      // Deals (issue 28): the offers they made with every version, the deals they are party to,
      // their signatures (with the address they signed from), and ExitMatch's due diligence on them.
      offers,
      deals,
      signatures: signatures.map((signature) => ({
        ...signature,
        ipAddress: cipher.decryptOptional("deal_signatures.ip_address", signature.ipAddress),
      })),
      dueDiligence,
    }) as Record<string, unknown>;
  });
}
