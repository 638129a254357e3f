// The right of access, section by section: a person's export holds exactly their own rows of
// each kind (soft-deleted ones too: they are still held), in a stable order, with encrypted
// fields in the clear and secrets left out; somebody else's rows never appear in it.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ActivityAction, recordActivity } from "../../functions/activity/record-activity.ts";
import { runWithDatabaseSession } from "../../functions/db/database-session.ts";
import { exportPerson } from "../../functions/gdpr/export-person.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const ROOM = stableId("inquiry-1:room"); // business-1's deal room: its seller, advisor and NDA buyer
const at = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * 60_000);

type Row = Record<string, unknown>;
const ids = (rows: unknown) => (rows as Row[]).map((row) => row.id);

async function userId(email: string) {
  return (await seeded.db.prisma.user.findFirstOrThrow({ where: { email }, select: { id: true } })).id;
}

/** The export as the application's database role produces it (row-level security on). */
function exportOf(personId: string) {
  return exportPerson(seeded.deps.prisma, seeded.deps.fieldCipher, personId, { now: TEST_NOW });
}

/**
 * Two rows of each per-person kind for `personId`, the later one created first (so only an
 * explicit order puts them right), and one for `otherId`, which must stay out of the export.
 */
async function giveRowsOfEachKind(personId: string, otherId: string) {
  const prisma = seeded.db.prisma;
  for (const [owner, minutes] of [
    [personId, 20],
    [personId, 10],
    [otherId, 15],
  ] as const) {
    await prisma.session.create({
      data: {
        userId: owner,
        familyId: randomUUID(),
        refreshTokenHash: `refresh-${randomUUID()}`,
        expiresAt: at(60 * 24),
        createdAt: at(minutes),
      },
    });
    await prisma.notification.create({
      data: {
        userId: owner,
        topic: "DEAL_ROOM_QA",
        dedupeKey: `export-test-${randomUUID()}`,
        title: "A question",
        body: "Someone asked a question.",
        link: "/deal-rooms",
        createdAt: at(minutes),
      },
    });
    await prisma.savedSearch.create({
      data: {
        userId: owner,
        name: `Search at ${minutes}`,
        filters: { sector: "IT" },
        alertFrequency: "DAILY_DIGEST",
        createdAt: at(minutes),
        updatedAt: at(minutes),
      },
    });
    await prisma.outboxMessage.create({
      data: {
        kind: "test",
        idempotencyKey: `export-test-${randomUUID()}`,
        recipientUserId: owner,
        recipientEmail: `${owner}@example.com`,
        subject: `Sent at ${minutes}`,
        body: "A single-use link: https://exitmatch.example/secret",
        nextAttemptAt: at(minutes),
        createdAt: at(minutes),
      },
    });
  }
  // Topics sort in the order the enum declares them: NDA_ACCEPTED before DEAL_ROOM_DOCUMENTS.
  for (const [owner, topic] of [
    [personId, "DEAL_ROOM_DOCUMENTS"],
    [personId, "NDA_ACCEPTED"],
    [otherId, "DEAL_ROOM_QA"],
  ] as const) {
    await prisma.notificationPreference.create({
      data: { userId: owner, topic, delivery: "OFF", updatedAt: TEST_NOW },
    });
  }
  for (const owner of [personId, otherId, personId]) {
    await runWithDatabaseSession({ system: true }, () =>
      recordActivity(prisma, {
        action: ActivityAction.dataExportRequested,
        userId: owner,
        entityType: "user",
        entityId: owner,
        occurredAt: TEST_NOW,
      }),
    );
  }
}

describe("exportPerson", () => {
  it("holds exactly the person's own sessions, notifications, preferences, searches, e-mails and activity, in order", async () => {
    const person = await userId(ACTORS.buyerWithoutNda);
    const other = await userId(ACTORS.otherSeller);
    await giveRowsOfEachKind(person, other);
    const prisma = seeded.db.prisma;
    const archive = await exportOf(person);

    const sessions = await prisma.session.findMany({ where: { userId: person }, orderBy: { createdAt: "asc" } });
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(ids(archive.sessions)).toEqual(ids(sessions));
    // A refresh token's hash would let whoever holds the archive keep the session alive.
    for (const session of archive.sessions as Row[]) {
      expect(session).not.toHaveProperty("refreshTokenHash");
      expect(session).toHaveProperty("familyId");
    }

    const notifications = await prisma.notification.findMany({
      where: { userId: person },
      orderBy: { createdAt: "asc" },
    });
    expect(notifications.length).toBeGreaterThanOrEqual(2);
    expect(ids(archive.notifications)).toEqual(ids(notifications));
    for (const notification of archive.notifications as Row[]) {
      expect(notification).not.toHaveProperty("dedupeKey");
      expect(notification).toHaveProperty("title");
    }

    expect((archive.notificationPreferences as Row[]).map((preference) => preference.topic)).toEqual([
      "NDA_ACCEPTED",
      "DEAL_ROOM_DOCUMENTS",
    ]);
    expect((archive.notificationPreferences as Row[]).every((preference) => preference.userId === person)).toBe(true);

    const searches = await prisma.savedSearch.findMany({ where: { userId: person }, orderBy: { createdAt: "asc" } });
    expect((archive.savedSearches as Row[]).map((search) => search.name)).toEqual(searches.map((s) => s.name));
    expect((archive.savedSearches as Row[]).slice(-2).map((search) => search.name)).toEqual([
      "Search at 10",
      "Search at 20",
    ]);

    // E-mails: what was sent and when, never the body (it holds single-use links).
    const messages = archive.messages as Row[];
    expect(messages.slice(-2)).toEqual([
      {
        kind: "test",
        recipientEmail: `${person}@example.com`,
        subject: "Sent at 10",
        status: "PENDING",
        createdAt: at(10).toISOString(),
        sentAt: null,
      },
      {
        kind: "test",
        recipientEmail: `${person}@example.com`,
        subject: "Sent at 20",
        status: "PENDING",
        createdAt: at(20).toISOString(),
        sentAt: null,
      },
    ]);
    const storedMessages = await prisma.outboxMessage.count({ where: { recipientUserId: person } });
    expect(messages).toHaveLength(storedMessages);

    const activity = await prisma.activityLog.findMany({ where: { userId: person }, orderBy: { id: "asc" } });
    expect(activity.length).toBeGreaterThanOrEqual(2);
    expect((archive.activity as Row[]).map((row) => String(row.id))).toEqual(activity.map((row) => String(row.id)));
  });

  it("holds the buyer's profile with its matches, inquiries with the NDA address in the clear, and memberships naming the room", async () => {
    const person = await userId(ACTORS.buyerWithNda);
    const prisma = seeded.db.prisma;
    const archive = await exportOf(person);

    const profile = await prisma.buyerProfile.findFirstOrThrow({
      where: { userId: person },
      include: { matches: true },
    });
    expect(profile.matches.length).toBeGreaterThan(0);
    const exported = archive.buyerProfile as Row;
    expect(exported.id).toBe(profile.id);
    expect(ids(exported.matches).sort()).toEqual(ids(profile.matches).sort());

    const inquiries = await prisma.inquiry.findMany({ where: { buyerId: person, deletedAt: undefined } });
    expect(inquiries.length).toBeGreaterThan(0);
    expect(ids(archive.inquiries).sort()).toEqual(ids(inquiries).sort());
    const withNda = (archive.inquiries as Row[]).find((inquiry) => inquiry.ndaAcceptedAt);
    expect(withNda?.ndaAcceptedIp).toMatch(/^[0-9a-f.:]+$/);

    const memberships = await prisma.dealRoomMember.findMany({ where: { userId: person } });
    expect(ids(archive.dealRoomMemberships).sort()).toEqual(ids(memberships).sort());
    const room = await prisma.dealRoom.findUniqueOrThrow({ where: { id: ROOM } });
    expect((archive.dealRoomMemberships as Row[]).find((m) => m.dealRoomId === ROOM)?.dealRoom).toEqual({
      id: ROOM,
      name: room.name,
    });

    // A buyer sells nothing and advises nobody.
    expect(archive.businesses).toEqual([]);
    expect(archive.advisorProfile).toBeNull();
  });

  it("holds the documents the person uploaded (deleted ones too) without where they are stored, and the questions they asked or answered", async () => {
    const person = await userId(ACTORS.buyerWithNda);
    const seller = await userId(ACTORS.ownerSeller);
    const prisma = seeded.db.prisma;
    const document = (uploadedById: string, fileName: string, deletedAt: Date | null = null) =>
      prisma.document.create({
        data: {
          businessId: BUSINESS.confidentialPublished,
          dealRoomId: ROOM,
          uploadedById,
          fileName,
          contentType: "application/pdf",
          sizeBytes: 10n,
          sha256: "0".repeat(64),
          storageKey: `deal-rooms/${ROOM}/${randomUUID()}`,
          deletedAt,
        },
      });
    const kept = await document(person, "proof-of-funds.pdf");
    const deleted = await document(person, "old-proof.pdf", TEST_NOW);
    await document(seller, "accounts.pdf");
    const question = (askedById: string, answeredById: string | null) =>
      prisma.dealRoomQuestion.create({
        data: { dealRoomId: ROOM, askedById, body: "Why?", answer: answeredById && "Because.", answeredById },
      });
    const asked = await question(person, null);
    const answered = await question(seller, person);
    await question(seller, seller);

    const archive = await exportOf(person);
    const uploaded = archive.documentsUploaded as Row[];
    expect(ids(uploaded)).toEqual(expect.arrayContaining([kept.id, deleted.id]));
    expect(uploaded.every((row) => row.uploadedById === person)).toBe(true);
    expect(uploaded.find((row) => row.id === kept.id)).toMatchObject({
      fileName: "proof-of-funds.pdf",
      sizeBytes: "10",
    });
    for (const row of uploaded) expect(row).not.toHaveProperty("storageKey");

    const questions = archive.dealRoomQuestions as Row[];
    expect(ids(questions)).toEqual(expect.arrayContaining([asked.id, answered.id]));
    expect(questions.every((row) => row.askedById === person || row.answeredById === person)).toBe(true);
  });

  it("holds the seller's listings (deleted ones too) with their figures, and the audit trail about them without its hashes", async () => {
    const person = await userId(ACTORS.ownerSeller);
    const prisma = seeded.db.prisma;
    await prisma.business.update({ where: { id: BUSINESS.draft }, data: { deletedAt: TEST_NOW } });
    // An audited change to their own account row.
    await prisma.user.update({ where: { id: person }, data: { name: "David R. Hughes" } });

    const archive = await exportOf(person);
    const businesses = await prisma.business.findMany({
      where: { sellerId: person, deletedAt: undefined },
      include: { financials: true, valuations: true },
    });
    expect(ids(archive.businesses).sort()).toEqual(ids(businesses).sort());
    expect(ids(archive.businesses)).toContain(BUSINESS.draft);
    const listing = (archive.businesses as Row[]).find((row) => row.id === BUSINESS.confidentialPublished)!;
    const stored = businesses.find((row) => row.id === BUSINESS.confidentialPublished)!;
    expect(stored.financials.length).toBeGreaterThan(0);
    expect(ids(listing.financials).sort()).toEqual(ids(stored.financials).sort());
    expect(ids(listing.valuations).sort()).toEqual(ids(stored.valuations).sort());

    const audit = archive.auditTrail as Row[];
    expect(audit.some((row) => row.tableName === "users" && row.rowId === person)).toBe(true);
    expect(
      audit.every((row) => row.actorUserId === person || (row.tableName === "users" && row.rowId === person)),
    ).toBe(true);
    const auditIds = audit.map((row) => BigInt(row.id as string));
    expect(auditIds).toEqual([...auditIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const row of audit) {
      expect(row).not.toHaveProperty("hash");
      expect(row).not.toHaveProperty("prevHash");
    }
    expect((archive.user as Row).name).toBe("David R. Hughes");
    expect(archive.user).not.toHaveProperty("passwordHash");
  });

  it("holds a party's deals: their offers with every version, their deals with exclusivity, their signatures with the address, the due diligence on them", async () => {
    // The seeded deals (prisma/seed/seed-deals.ts): Sarah Whitfield bought into Patel Precision
    // (offer-1, two versions, deal-1 in exclusivity); Rajesh Patel sold; Mark Jones bid (offer-2).
    const buyer = (await exportOf(await userId("sarah.whitfield@midlandsindustrial.co.uk"))) as Row;
    const offers = buyer.offers as Row[];
    expect(ids(offers)).toEqual([stableId("offer-1")]);
    expect((offers[0]!.versions as Row[]).map((version) => version.number)).toEqual([1, 2]);
    const deals = buyer.deals as Row[];
    expect(ids(deals)).toEqual([stableId("deal-1")]);
    expect(deals[0]!.exclusivity).toMatchObject({ dealId: stableId("deal-1"), endedAt: null });
    expect((buyer.signatures as Row[]).map((signature) => [signature.party, signature.ipAddress])).toEqual([
      ["BUYER", "203.0.113.51"],
    ]);
    expect(buyer.dueDiligence).toMatchObject({ buyerId: stableId("buyer-2") });

    const seller = (await exportOf(await userId("rajesh.patel@patelprecision.co.uk"))) as Row;
    expect([seller.offers, ids(seller.deals), seller.dueDiligence]).toEqual([[], [stableId("deal-1")], null]);
    expect((seller.signatures as Row[]).map((signature) => [signature.party, signature.ipAddress])).toEqual([
      ["SELLER", "203.0.113.52"],
    ]);

    const bidder = (await exportOf(await userId("mark.jones@jonesretail.co.uk"))) as Row;
    expect(ids(bidder.offers)).toEqual([stableId("offer-2")]);
    expect(((bidder.offers as Row[])[0]!.versions as Row[]).map((version) => version.number)).toEqual([1, 2, 3]);
    expect([bidder.deals, bidder.signatures]).toEqual([[], []]);
  });

  it("gives an advisor's AML registration number in the clear", async () => {
    const person = await userId(ACTORS.advisorOnDeal);
    const archive = await exportOf(person);
    const stored = await seeded.db.prisma.advisorProfile.findFirstOrThrow({ where: { userId: person } });
    const exported = archive.advisorProfile as Row;
    expect(exported.id).toBe(stored.id);
    expect(exported.amlRegistrationNumber).not.toBe(stored.amlRegistrationNumber);
    expect(exported.amlRegistrationNumber).toBe(
      seeded.deps.fieldCipher.decryptOptional("advisor_profiles.aml_registration_number", stored.amlRegistrationNumber),
    );
    expect(archive).toMatchObject({
      format: "exitmatch-personal-data-export",
      version: 1,
      exportedAt: TEST_NOW.toISOString(),
    });
  });
});
