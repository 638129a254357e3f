import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { runWithDatabaseSession } from "../db/database-session.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { LEGAL_HOLDS } from "./legal-holds.ts";

export const ERASED_TEXT = "[erased]";
export const ERASED_NAME = "Deleted User";

/** The address an erased account keeps: unique, well-formed, and tied to nobody. */
export function erasedEmail(userId: string): string {
  return `deleted_${userId}@deleted.com`;
}

/**
 * Audit rows about a person: what they did, and changes to their account. Named by table as well
 * as row id so both halves use an index (audit_logs is the largest table).
 */
export function auditRowsAbout(userId: string) {
  return { OR: [{ actorUserId: userId }, { tableName: "users", rowId: userId }] };
}

export interface ErasureReport {
  userId: string;
  erasedAt: string;
  /** Rows changed so that nothing in them identifies the person any more. */
  anonymised: { table: string; rows: number }[];
  /** Rows removed. */
  deleted: { table: string; rows: number }[];
  /** Files removed from storage. */
  filesRemoved: number;
  /** What was kept, and the legal reason. */
  kept: { table: string; rows: number; reason: string }[];
}

export interface ErasureContext {
  /** Who asked: an admin acting, or the retention job (no actor). */
  actorUserId?: string | undefined;
  actorRole?: string | undefined;
  requestId?: string | undefined;
  /** When the erasure happens: stamped on every row it changes. */
  now: Date;
}

/**
 * The right to be forgotten, completely: every personal field in every table is removed or
 * replaced, sessions and tokens are revoked, the person's uploaded files are deleted from
 * storage, and records under a legal hold (financials, AML, NDAs, the audit trail) are kept but
 * point only at the now-anonymous account id. One transaction for the database; files go after
 * it commits, so a failure never leaves rows pointing at deleted files. Idempotent: erasing an
 * erased person changes nothing more.
 */
export async function erasePerson(
  prisma: PrismaClient,
  storage: ObjectStorage,
  userId: string,
  context: ErasureContext,
): Promise<ErasureReport> {
  const session = {
    system: true,
    userId: context.actorUserId,
    userRole: context.actorRole,
    requestId: context.requestId,
  };
  const { report, storageKeys } = await runWithDatabaseSession(session, () =>
    prisma.$transaction((tx) => erasePersonInTransaction(tx, userId, context.now)),
  );
  for (const key of storageKeys) await storage.delete(key);
  return { ...report, filesRemoved: storageKeys.length };
}

/**
 * The database part of an erasure, inside the caller's transaction (the retention job erases a
 * batch of people per transaction). Returns the report and the storage keys of the files to
 * delete once the transaction has committed.
 */
export async function erasePersonInTransaction(tx: Prisma.TransactionClient, userId: string, now: Date) {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId, deletedAt: undefined } });
  const anonymised: ErasureReport["anonymised"] = [];
  const deleted: ErasureReport["deleted"] = [];
  const kept: ErasureReport["kept"] = [];
  const note = (list: { table: string; rows: number }[], table: string, rows: number) => {
    if (rows > 0) list.push({ table, rows });
  };

  await tx.user.update({
    where: { id: userId },
    data: {
      email: erasedEmail(userId),
      name: ERASED_NAME,
      phone: null,
      phoneBlindIndex: null,
      image: null,
      passwordHash: null,
      deletedAt: user.deletedAt ?? now,
      anonymizedAt: user.anonymizedAt ?? now,
    },
  });
  note(anonymised, "users", 1);
  note(deleted, "sessions", (await tx.session.deleteMany({ where: { userId } })).count);
  note(deleted, "user_tokens", (await tx.userToken.deleteMany({ where: { userId } })).count);
  // Messages to them, sent or waiting: an unsent one must not go out after the erasure either.
  note(
    deleted,
    "outbox_messages",
    (
      await tx.outboxMessage.deleteMany({
        where: { OR: [{ recipientUserId: userId }, { recipientEmail: user.email }] },
      })
    ).count,
  );

  // What they were notified of, and how they wanted to be.
  note(deleted, "notifications", (await tx.notification.deleteMany({ where: { userId } })).count);
  note(deleted, "notification_preferences", (await tx.notificationPreference.deleteMany({ where: { userId } })).count);
  note(deleted, "saved_searches", (await tx.savedSearch.deleteMany({ where: { userId } })).count);

  const profile = await tx.buyerProfile.findFirst({ where: { userId, deletedAt: undefined } });
  if (profile) {
    note(deleted, "matches", (await tx.match.deleteMany({ where: { buyerProfileId: profile.id } })).count);
    await tx.buyerProfile.update({
      where: { id: profile.id },
      data: { headline: ERASED_TEXT, deletedAt: profile.deletedAt ?? now },
    });
    note(anonymised, "buyer_profiles", 1);
  }

  const advisor = await tx.advisorProfile.findFirst({ where: { userId, deletedAt: undefined } });
  if (advisor) {
    await tx.advisorProfile.update({
      where: { id: advisor.id },
      data: { bio: null, deletedAt: advisor.deletedAt ?? now },
    });
    note(anonymised, "advisor_profiles", 1);
    if (advisor.amlRegistrationNumber)
      kept.push({ table: "advisor_profiles", rows: 1, reason: LEGAL_HOLDS.amlRecords.reason });
  }

  // Listings they sell come down; the figures stay (financial records).
  const listings = await tx.business.updateMany({
    where: { sellerId: userId, deletedAt: null },
    data: { status: "ARCHIVED", deletedAt: now },
  });
  note(anonymised, "businesses", listings.count);
  // Their listings' ids first: `OR business.sellerId` would be a join PostgreSQL cannot answer
  // from the indexes, i.e. a scan of every financial row per person erased.
  const ownListingIds = (
    await tx.business.findMany({ where: { sellerId: userId, deletedAt: undefined }, select: { id: true } })
  ).map((listing) => listing.id);
  const financials = await tx.businessFinancial.count({
    where: { deletedAt: undefined, OR: [{ enteredById: userId }, { businessId: { in: ownListingIds } }] },
  });
  if (financials > 0)
    kept.push({ table: "business_financials", rows: financials, reason: LEGAL_HOLDS.financialRecords.reason });
  const valuations = await tx.valuation.count({
    where: { deletedAt: undefined, OR: [{ createdById: userId }, { businessId: { in: ownListingIds } }] },
  });
  if (valuations > 0) kept.push({ table: "valuations", rows: valuations, reason: LEGAL_HOLDS.financialRecords.reason });

  const inquiries = await tx.inquiry.updateMany({
    where: { buyerId: userId, deletedAt: undefined },
    data: { message: ERASED_TEXT, ndaAcceptedIp: null },
  });
  note(anonymised, "inquiries", inquiries.count);
  const ndas = await tx.inquiry.count({
    where: { buyerId: userId, ndaAcceptedAt: { not: null }, deletedAt: undefined },
  });
  if (ndas > 0) kept.push({ table: "inquiries", rows: ndas, reason: LEGAL_HOLDS.contracts.reason });

  note(
    anonymised,
    "deal_room_members",
    (await tx.dealRoomMember.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } })).count,
  );
  note(
    anonymised,
    "deal_room_questions",
    (
      await tx.dealRoomQuestion.updateMany({
        where: { askedById: userId, deletedAt: undefined },
        data: { body: ERASED_TEXT },
      })
    ).count +
      (
        await tx.dealRoomQuestion.updateMany({
          where: { answeredById: userId, deletedAt: undefined, answer: { not: null } },
          data: { answer: ERASED_TEXT },
        })
      ).count,
  );

  const documents = await tx.document.findMany({
    where: { uploadedById: userId, deletedAt: undefined, NOT: { fileName: ERASED_TEXT } },
    select: { id: true, storageKey: true },
  });
  if (documents.length > 0) {
    await tx.document.updateMany({
      where: { id: { in: documents.map((document) => document.id) } },
      data: { fileName: ERASED_TEXT, deletedAt: now },
    });
  }
  note(anonymised, "documents", documents.length);

  // Deals (issue 28): offers, their versions, deals and completions are financial records, and the
  // signed heads of terms a contract: kept, naming the person by id only. A signature keeps its
  // party, time and the document's hash (the PDF itself, a contract under the same hold, keeps the
  // parties' names); the name typed, the address and the browser go, as do reasons they wrote.
  note(
    anonymised,
    "deal_signatures",
    (
      await tx.dealSignature.updateMany({
        where: { userId, NOT: { fullName: ERASED_NAME } },
        data: { fullName: ERASED_NAME, ipAddress: null, userAgent: null },
      })
    ).count,
  );
  const endedByThem = await tx.deal.findMany({
    where: { fellThroughById: userId, NOT: { fellThroughReason: ERASED_TEXT } },
    select: { id: true },
  });
  if (endedByThem.length > 0) {
    const ids = endedByThem.map((deal) => deal.id);
    await tx.deal.updateMany({ where: { id: { in: ids } }, data: { fellThroughReason: ERASED_TEXT } });
    await tx.exclusivity.updateMany({
      where: { dealId: { in: ids }, endNote: { not: null } },
      data: { endNote: ERASED_TEXT },
    });
  }
  note(anonymised, "deals", endedByThem.length);
  const offers = await tx.offer.count({ where: { buyerId: userId } });
  if (offers > 0) kept.push({ table: "offers", rows: offers, reason: LEGAL_HOLDS.financialRecords.reason });
  const deals = await tx.deal.count({ where: { OR: [{ buyerId: userId }, { sellerId: userId }] } });
  if (deals > 0) kept.push({ table: "deals", rows: deals, reason: LEGAL_HOLDS.financialRecords.reason });
  const signatures = await tx.dealSignature.count({ where: { userId } });
  if (signatures > 0) kept.push({ table: "deal_signatures", rows: signatures, reason: LEGAL_HOLDS.contracts.reason });
  const dueDiligence = await tx.buyerDueDiligence.count({ where: { buyerId: userId } });
  if (dueDiligence > 0) {
    kept.push({ table: "buyer_due_diligence", rows: dueDiligence, reason: LEGAL_HOLDS.amlRecords.reason });
  }

  // Their activity: no addresses, devices or free text; failed logins named them by email. The
  // activity log is append-only: the database's own function does this one change (and keeps
  // its hash chain verifiable).
  const [{ anonymised: activityRows } = { anonymised: 0 }] = await tx.$queryRaw<{ anonymised: number }[]>`
    SELECT anonymise_activity(${userId}::uuid, ${user.email}) AS anonymised`;
  note(anonymised, "activity_logs", activityRows);

  const auditRows = await tx.auditLog.count({ where: auditRowsAbout(userId) });
  if (auditRows > 0) kept.push({ table: "audit_logs", rows: auditRows, reason: LEGAL_HOLDS.auditLogs.reason });

  return {
    report: { userId, erasedAt: now.toISOString(), anonymised, deleted, filesRemoved: 0, kept },
    storageKeys: documents.map((document) => document.storageKey),
  };
}
