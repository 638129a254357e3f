// The right to be forgotten as a use case, without HTTP: a buyer, a seller and an advisor, each
// with every kind of data the product holds about a person, are erased in turn; afterwards
// nothing identifying them is left anywhere, what the law keeps is kept and named, the report
// counts what was done, and nobody else's data changed.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActivityAction, recordActivity } from "../../functions/activity/record-activity.ts";
import { auditRowsAbout, type ErasureReport, erasePerson } from "../../functions/gdpr/erase-person.ts";
import { LEGAL_HOLDS } from "../../functions/gdpr/legal-holds.ts";
import { LocalDiskStorage } from "../../functions/storage/local-disk-storage.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";
import { whereItAppears } from "../support/where-it-appears.ts";

// What erased text and names read as, to whoever looks at the rows afterwards.
const ERASED_TEXT = "[erased]";
const ERASED_NAME = "Deleted User";
const erasedEmail = (userId: string) => `deleted_${userId}@deleted.com`;
const ROOM = stableId("inquiry-1:room"); // business-1's deal room: its seller, advisor and NDA buyer
const ERASED_AT = new Date(TEST_NOW.getTime() + 86_400_000);
const LATER = new Date(TEST_NOW.getTime() + 30 * 86_400_000);

/** Values unique to one person's footprint, to search the whole database for afterwards. */
interface Footprint {
  marker: string;
  ipAddress: string;
  userAgent: string;
  documentKey: string;
}

type Harness = { db: TestDatabase; storage: LocalDiskStorage };

/**
 * Gives `email`'s account every kind of personal data: a session, a one-time token, messages
 * to them (one by account, one by address only), activity with an address and a device, a
 * failed login naming their email, a question they asked and one they answered, and a
 * document they uploaded (with its file).
 */
async function leaveFootprint({ db, storage }: Harness, email: string, marker: string): Promise<Footprint> {
  const user = await db.prisma.user.findFirstOrThrow({ where: { email } });
  const footprint = {
    marker,
    ipAddress: `198.51.100.${marker.length + 100}`,
    userAgent: `Agent of ${marker}`,
    // Server-made, as in the app: the key itself names nobody.
    documentKey: `deal-rooms/${ROOM}/${randomUUID()}`,
  };
  await db.prisma.session.create({
    data: {
      userId: user.id,
      familyId: randomUUID(),
      refreshTokenHash: `refresh-${marker}`,
      userAgent: footprint.userAgent,
      ipAddress: footprint.ipAddress,
      expiresAt: LATER,
    },
  });
  await db.prisma.userToken.create({
    data: { userId: user.id, purpose: "PASSWORD_RESET", tokenHash: `token-${marker}`, expiresAt: LATER },
  });
  for (const [key, recipientUserId] of [
    ["account", user.id],
    ["address", null],
  ] as const) {
    await db.prisma.outboxMessage.create({
      data: {
        kind: "test",
        idempotencyKey: `${marker}-${key}`,
        recipientUserId,
        recipientEmail: user.email,
        subject: `For ${marker}`,
        nextAttemptAt: TEST_NOW,
        createdAt: TEST_NOW,
      },
    });
  }
  await recordActivity(db.prisma, {
    occurredAt: TEST_NOW,
    userId: user.id,
    action: ActivityAction.documentViewed,
    ipAddress: footprint.ipAddress,
    userAgent: footprint.userAgent,
    metadata: { note: `viewed by ${marker}` },
  });
  await recordActivity(db.prisma, {
    occurredAt: TEST_NOW,
    action: ActivityAction.loginFailed,
    entityType: "email",
    entityId: user.email,
    ipAddress: footprint.ipAddress,
    userAgent: footprint.userAgent,
  });
  await db.prisma.dealRoomQuestion.create({
    data: { dealRoomId: ROOM, askedById: user.id, body: `Question from ${marker}` },
  });
  const someoneElse = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.admin } });
  await db.prisma.dealRoomQuestion.create({
    data: {
      dealRoomId: ROOM,
      askedById: someoneElse.id,
      body: "Are the accounts for the last year audited?",
      answer: `Answer by ${marker}`,
      answeredById: user.id,
      answeredAt: TEST_NOW,
    },
  });
  const bytes = new TextEncoder().encode(`%PDF-1.7 ${marker}`);
  await storage.put(footprint.documentKey, bytes, "application/pdf");
  await db.prisma.document.create({
    data: {
      businessId: BUSINESS.confidentialPublished,
      dealRoomId: ROOM,
      uploadedById: user.id,
      fileName: `${marker}.pdf`,
      contentType: "application/pdf",
      sizeBytes: BigInt(bytes.length),
      sha256: "0".repeat(64),
      storageKey: footprint.documentKey,
    },
  });
  return footprint;
}

/** The report an erasure must give, counted from the database before it runs. */
async function expectedReport(db: TestDatabase, userId: string) {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { id: userId, deletedAt: undefined } });
  const own = (
    await db.prisma.business.findMany({ where: { sellerId: userId, deletedAt: undefined }, select: { id: true } })
  ).map((listing) => listing.id);
  const count = {
    sessions: await db.prisma.session.count({ where: { userId } }),
    tokens: await db.prisma.userToken.count({ where: { userId } }),
    outbox: await db.prisma.outboxMessage.count({
      where: { OR: [{ recipientUserId: userId }, { recipientEmail: user.email }] },
    }),
    matches: await db.prisma.match.count({ where: { buyerProfile: { userId } } }),
    buyerProfile: await db.prisma.buyerProfile.count({ where: { userId, deletedAt: undefined } }),
    advisorProfile: await db.prisma.advisorProfile.count({ where: { userId, deletedAt: undefined } }),
    aml: await db.prisma.advisorProfile.count({
      where: { userId, deletedAt: undefined, amlRegistrationNumber: { not: null } },
    }),
    listings: await db.prisma.business.count({ where: { sellerId: userId, deletedAt: null } }),
    financials: await db.prisma.businessFinancial.count({
      where: { deletedAt: undefined, OR: [{ enteredById: userId }, { businessId: { in: own } }] },
    }),
    valuations: await db.prisma.valuation.count({
      where: { OR: [{ createdById: userId }, { businessId: { in: own } }] },
    }),
    inquiries: await db.prisma.inquiry.count({ where: { buyerId: userId, deletedAt: undefined } }),
    ndas: await db.prisma.inquiry.count({
      where: { buyerId: userId, deletedAt: undefined, ndaAcceptedAt: { not: null } },
    }),
    memberships: await db.prisma.dealRoomMember.count({ where: { userId, revokedAt: null } }),
    questions:
      (await db.prisma.dealRoomQuestion.count({ where: { askedById: userId, deletedAt: undefined } })) +
      (await db.prisma.dealRoomQuestion.count({
        where: { answeredById: userId, deletedAt: undefined, answer: { not: null } },
      })),
    documents: await db.prisma.document.count({ where: { uploadedById: userId, deletedAt: undefined } }),
    signatureEvidence: await db.prisma.dealSignature.count({ where: { userId, NOT: { fullName: ERASED_NAME } } }),
    dealsEndedByThem: await db.prisma.deal.count({ where: { fellThroughById: userId } }),
    offers: await db.prisma.offer.count({ where: { buyerId: userId } }),
    deals: await db.prisma.deal.count({ where: { OR: [{ buyerId: userId }, { sellerId: userId }] } }),
    signatures: await db.prisma.dealSignature.count({ where: { userId } }),
    dueDiligence: await db.prisma.buyerDueDiligence.count({ where: { buyerId: userId } }),
    activity: await db.prisma.activityLog.count({
      where: { anonymizedAt: null, OR: [{ userId }, { entityType: "email", entityId: user.email }] },
    }),
  };
  const entries = (pairs: [string, number][]) =>
    Object.fromEntries(pairs.filter(([, rows]) => rows > 0)) as Record<string, number>;
  return {
    count,
    anonymised: entries([
      ["users", 1],
      ["buyer_profiles", count.buyerProfile],
      ["advisor_profiles", count.advisorProfile],
      ["businesses", count.listings],
      ["inquiries", count.inquiries],
      ["deal_room_members", count.memberships],
      ["deal_room_questions", count.questions],
      ["documents", count.documents],
      ["deal_signatures", count.signatureEvidence],
      ["deals", count.dealsEndedByThem],
      ["activity_logs", count.activity],
    ]),
    deleted: entries([
      ["sessions", count.sessions],
      ["user_tokens", count.tokens],
      ["outbox_messages", count.outbox],
      ["matches", count.matches],
    ]),
    kept: Object.fromEntries(
      (
        [
          ["advisor_profiles", count.aml, LEGAL_HOLDS.amlRecords.reason],
          ["business_financials", count.financials, LEGAL_HOLDS.financialRecords.reason],
          ["valuations", count.valuations, LEGAL_HOLDS.financialRecords.reason],
          ["inquiries", count.ndas, LEGAL_HOLDS.contracts.reason],
          ["offers", count.offers, LEGAL_HOLDS.financialRecords.reason],
          ["deals", count.deals, LEGAL_HOLDS.financialRecords.reason],
          ["deal_signatures", count.signatures, LEGAL_HOLDS.contracts.reason],
          ["buyer_due_diligence", count.dueDiligence, LEGAL_HOLDS.amlRecords.reason],
        ] as const
      )
        .filter(([, rows]) => rows > 0)
        .map(([table, rows, reason]) => [table, { rows, reason }]),
    ),
  };
}

/** A report list as table -> rows; a malformed entry would show as a key "undefined". */
/** Counts of other people's live rows of each kind the erasure touches: must not change. */
function othersRows(db: TestDatabase, personId: string) {
  return db.query(
    `SELECT (SELECT count(*) FROM sessions WHERE user_id <> $1) AS sessions,
            (SELECT count(*) FROM deal_room_members WHERE user_id <> $1 AND revoked_at IS NULL) AS members,
            (SELECT count(*) FROM businesses WHERE seller_id <> $1 AND deleted_at IS NULL) AS listings,
            (SELECT count(*) FROM inquiries WHERE buyer_id <> $1 AND message <> $2) AS inquiries,
            (SELECT count(*) FROM matches m JOIN buyer_profiles p ON p.id = m.buyer_profile_id WHERE p.user_id <> $1) AS matches,
            (SELECT count(*) FROM activity_logs WHERE anonymized_at IS NULL AND user_id <> $1) AS activity`,
    [personId, ERASED_TEXT],
  );
}

const asCounts = (list: { table: string; rows: number }[]) =>
  Object.fromEntries(list.map((entry) => [String(entry.table), entry.rows ?? "missing"]));

describe("erasing a person (GDPR article 17)", () => {
  let harness: Harness;
  let files: string;

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), "exitmatch-erasure-"));
  });
  afterAll(() => rm(files, { recursive: true, force: true }));

  /** A fresh seeded database where the person and a bystander each left a full footprint. */
  async function prepare(email: string) {
    const db = await createTestDatabase();
    await seedTestData(db.prisma);
    harness = { db, storage: new LocalDiskStorage(join(files, randomUUID())) };
    const person = await db.prisma.user.findFirstOrThrow({ where: { email } });
    const footprint = await leaveFootprint(harness, email, `erasee${person.id.slice(0, 8)}`);
    const bystanderEmail = email === ACTORS.otherSeller ? ACTORS.buyerWithoutNda : ACTORS.otherSeller;
    const bystander = await leaveFootprint(harness, bystanderEmail, "bystander");
    const bystanderBefore = await whereItAppears(db, "bystander");
    const othersBefore = await othersRows(db, person.id);
    return { db, person, footprint, bystander, bystanderBefore, othersBefore };
  }

  async function eraseAndCheck(email: string, more?: (db: TestDatabase, userId: string) => Promise<void>) {
    const { db, person, footprint, bystander, bystanderBefore, othersBefore } = await prepare(email);
    await more?.(db, person.id);
    const identifying = [person.email, person.name, person.phone!, person.phoneBlindIndex!].filter(Boolean);
    for (const value of [...identifying, footprint.marker, footprint.ipAddress, footprint.userAgent]) {
      expect(await whereItAppears(db, value), value).not.toEqual([]);
    }
    const expected = await expectedReport(db, person.id);

    const report: ErasureReport = await erasePerson(db.appPrisma, harness.storage, person.id, { now: ERASED_AT });

    expect(report.userId).toBe(person.id);
    expect(report.erasedAt).toBe(ERASED_AT.toISOString());
    expect(asCounts(report.anonymised)).toStrictEqual(expected.anonymised);
    expect(asCounts(report.deleted)).toStrictEqual(expected.deleted);
    // The audit trail about them (what they did, changes to their account, this erasure too).
    const auditRows = await db.prisma.auditLog.count({
      where: { OR: [{ actorUserId: person.id }, { tableName: "users", rowId: person.id }] },
    });
    expect(await db.prisma.auditLog.count({ where: auditRowsAbout(person.id) })).toBe(auditRows);
    expect(Object.fromEntries(report.kept.map(({ table, rows, reason }) => [table, { rows, reason }]))).toStrictEqual({
      ...expected.kept,
      audit_logs: { rows: auditRows, reason: LEGAL_HOLDS.auditLogs.reason },
    });
    expect(report.filesRemoved).toBe(expected.count.documents);

    // Nothing identifying is left anywhere, in any table.
    for (const value of [...identifying, footprint.marker, footprint.ipAddress, footprint.userAgent]) {
      expect(await whereItAppears(db, value), value).toEqual([]);
    }
    expect(await harness.storage.get(footprint.documentKey)).toBeUndefined();
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: person.id, deletedAt: undefined } });
    expect(user).toMatchObject({
      email: erasedEmail(person.id),
      name: ERASED_NAME,
      phone: null,
      phoneBlindIndex: null,
      image: null,
      passwordHash: null,
      deletedAt: ERASED_AT,
      anonymizedAt: ERASED_AT,
    });
    const members = await db.prisma.dealRoomMember.findMany({ where: { userId: person.id } });
    expect(members.every((member) => member.revokedAt !== null)).toBe(true);
    const documents = await db.prisma.document.findMany({ where: { uploadedById: person.id, deletedAt: undefined } });
    expect(documents.map((document) => [document.fileName, document.deletedAt])).toEqual(
      documents.map(() => [ERASED_TEXT, ERASED_AT]),
    );
    const activity = await db.prisma.activityLog.findMany({ where: { userId: person.id } });
    expect(activity.length).toBeGreaterThan(0);
    expect(activity.every((row) => !row.ipAddress && !row.userAgent && row.metadata === null)).toBe(true);

    // Nobody else's data changed.
    expect(await whereItAppears(db, "bystander")).toEqual(bystanderBefore);
    expect(await harness.storage.get(bystander.documentKey)).toBeDefined();
    expect(await othersRows(db, person.id)).toEqual(othersBefore);

    // Idempotent: a second erasure finds nothing more to do.
    const again = await erasePerson(db.appPrisma, harness.storage, person.id, { now: LATER });
    expect([again.filesRemoved, asCounts(again.anonymised), asCounts(again.deleted)]).toEqual([
      0,
      {
        users: 1,
        ...(expected.count.buyerProfile ? { buyer_profiles: 1 } : {}),
        ...(expected.count.advisorProfile ? { advisor_profiles: 1 } : {}),
        ...(expected.count.inquiries ? { inquiries: expected.count.inquiries } : {}),
        ...(expected.count.questions ? { deal_room_questions: expected.count.questions } : {}),
      },
      {},
    ]);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: person.id, deletedAt: undefined } })).toMatchObject({
      deletedAt: ERASED_AT,
      anonymizedAt: ERASED_AT,
    });
    return { db, person, expected };
  }

  it("erases a buyer: profile and matches, inquiry messages and NDA addresses; NDAs kept", async () => {
    const { db, person, expected } = await eraseAndCheck(ACTORS.buyerWithNda, async (db, buyerId) => {
      // A second inquiry, never signed: its message goes, and it is no NDA to keep.
      await db.prisma.inquiry.create({
        data: { businessId: BUSINESS.openPublished, buyerId, message: "Is the lease assignable? Tom B." },
      });
    });
    expect(expected.count.inquiries).toBe(expected.count.ndas + 1);
    expect(expected.count.matches).toBeGreaterThan(0);
    expect(expected.count.ndas).toBeGreaterThan(0);
    const profile = await db.prisma.buyerProfile.findFirstOrThrow({
      where: { userId: person.id, deletedAt: undefined },
    });
    expect([profile.headline, profile.deletedAt]).toEqual([ERASED_TEXT, ERASED_AT]);
    expect(await db.prisma.match.count({ where: { buyerProfileId: profile.id } })).toBe(0);
    const inquiries = await db.prisma.inquiry.findMany({ where: { buyerId: person.id, deletedAt: undefined } });
    expect(inquiries.map((inquiry) => [inquiry.message, inquiry.ndaAcceptedIp])).toEqual(
      inquiries.map(() => [ERASED_TEXT, null]),
    );
    // The NDA itself (version and time) is evidence of a contract.
    expect(inquiries.filter((inquiry) => inquiry.ndaAcceptedAt && inquiry.ndaVersion)).toHaveLength(
      expected.count.ndas,
    );
    const asked = await db.prisma.dealRoomQuestion.findMany({ where: { askedById: person.id, deletedAt: undefined } });
    expect(asked.map((question) => question.body)).toEqual(asked.map(() => ERASED_TEXT));
    await db.drop();
  });

  it("erases a party to a deal: the signature's name, address and browser go; offers, deal, signature and due diligence kept", async () => {
    // Sarah Whitfield: the seeded buyer of Patel Precision, in exclusivity (prisma/seed/seed-deals.ts).
    const { db, person, expected } = await eraseAndCheck("sarah.whitfield@midlandsindustrial.co.uk", async () => {});
    expect([
      expected.count.offers,
      expected.count.deals,
      expected.count.signatures,
      expected.count.dueDiligence,
    ]).toEqual([1, 1, 1, 1]);
    const signature = await db.prisma.dealSignature.findFirstOrThrow({ where: { userId: person.id } });
    expect(signature).toMatchObject({ fullName: ERASED_NAME, ipAddress: null, userAgent: null, party: "BUYER" });
    expect(signature.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    // The rest of a signature is still evidence nobody may change.
    await expect(
      db.prisma.dealSignature.update({ where: { id: signature.id }, data: { signedAt: new Date(0) } }),
    ).rejects.toThrow(/immutable/);
    await db.drop();
  });

  it("erases a seller: listings archived and withdrawn, answers erased; financial records kept", async () => {
    const { db, person, expected } = await eraseAndCheck(ACTORS.ownerSeller);
    expect(expected.count.listings).toBeGreaterThan(1);
    expect(expected.count.financials).toBeGreaterThan(0);
    const listings = await db.prisma.business.findMany({ where: { sellerId: person.id, deletedAt: undefined } });
    expect(listings.map((listing) => [listing.status, listing.deletedAt])).toEqual(
      listings.map(() => ["ARCHIVED", ERASED_AT]),
    );
    expect(
      await db.prisma.businessFinancial.count({
        where: { deletedAt: undefined, businessId: { in: listings.map((l) => l.id) } },
      }),
    ).toBe(expected.count.financials);
    const answered = await db.prisma.dealRoomQuestion.findMany({
      where: { answeredById: person.id, deletedAt: undefined },
    });
    expect(answered.map((question) => question.answer)).toEqual(answered.map(() => ERASED_TEXT));
    // The questions others asked them stay as they were.
    expect(answered.every((question) => question.body.endsWith("audited?"))).toBe(true);
    await db.drop();
  });

  it("erases an advisor: biography gone, profile closed; AML record and valuations kept", async () => {
    const { db, person, expected } = await eraseAndCheck(ACTORS.advisorOnDeal);
    expect(expected.count.aml).toBe(1);
    expect(expected.count.valuations).toBeGreaterThan(0);
    const profile = await db.prisma.advisorProfile.findFirstOrThrow({
      where: { userId: person.id, deletedAt: undefined },
    });
    expect([profile.bio, profile.deletedAt]).toEqual([null, ERASED_AT]);
    expect(profile.amlRegistrationNumber).not.toBeNull();
    expect(await db.prisma.valuation.count({ where: { createdById: person.id, deletedAt: undefined } })).toBe(
      expected.count.valuations,
    );
    await db.drop();
  });

  it("keeps no AML record for an advisor who never had one", async () => {
    const { db, person, expected } = await eraseAndCheck(ACTORS.advisorOffDeal, async (db, userId) => {
      await db.prisma.advisorProfile.updateMany({ where: { userId }, data: { amlRegistrationNumber: null } });
    });
    expect([expected.count.advisorProfile, expected.count.aml]).toEqual([1, 0]);
    const profile = await db.prisma.advisorProfile.findFirstOrThrow({
      where: { userId: person.id, deletedAt: undefined },
    });
    expect([profile.bio, profile.deletedAt]).toEqual([null, ERASED_AT]);
    await db.drop();
  });

  it("keeps the date a person asked to be forgotten as their deletion date", async () => {
    const { db, person } = await prepare(ACTORS.buyerWithoutNda);
    const asked = new Date(TEST_NOW.getTime() - 10 * 86_400_000);
    await db.prisma.user.update({ where: { id: person.id }, data: { deletedAt: asked } });
    await db.prisma.buyerProfile.updateMany({ where: { userId: person.id }, data: { deletedAt: asked } });
    await erasePerson(db.appPrisma, harness.storage, person.id, { now: ERASED_AT });
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: person.id, deletedAt: undefined } })).toMatchObject({
      deletedAt: asked,
      anonymizedAt: ERASED_AT,
    });
    expect(
      (await db.prisma.buyerProfile.findFirstOrThrow({ where: { userId: person.id, deletedAt: undefined } })).deletedAt,
    ).toEqual(asked);
    await db.drop();
  });
});
