// A deal room's access log as use cases: who viewed or downloaded which of the room's documents,
// newest first for reading (filtered by document or person) and oldest first, complete, for the
// owner's export; only the room's own documents, deleted ones included; who may read or export.
import { describe, expect, it } from "vitest";
import { ActivityAction, recordActivity } from "../../functions/activity/record-activity.ts";
import { runWithDatabaseSession } from "../../functions/db/database-session.ts";
import { downloadDocument } from "../../functions/deal-rooms/download-document.ts";
import { exportAccessLog } from "../../functions/deal-rooms/export-access-log.ts";
import { readAccessLog } from "../../functions/deal-rooms/read-access-log.ts";
import { uploadDocument } from "../../functions/deal-rooms/upload-document.ts";
import { viewDocument } from "../../functions/deal-rooms/view-document.ts";
import type { SignedInRequest } from "../../functions/requests/request-context.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { attempt, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const ROOM = stableId("inquiry-1:room"); // business-1's: its seller owns it, its advisor and NDA buyer are members
const BUSINESS_OF_ROOM = stableId("business-1");
const minutesLater = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * 60_000);
/** The request, as if it arrived `minutes` after the tests' now. */
const at = (request: SignedInRequest, minutes: number) => ({ ...request, receivedAt: minutesLater(minutes) });

/** Two documents in the room, each seen: the buyer views A, downloads A, views B; the advisor views A. */
async function seenDocuments() {
  const owner = await seeded.as(ACTORS.ownerSeller);
  const buyer = await seeded.as(ACTORS.buyerWithNda);
  const advisor = await seeded.as(ACTORS.advisorOnDeal);
  const upload = (name: string) =>
    runForRequest(owner, () =>
      uploadDocument(
        seeded.deps,
        { dealRoomId: ROOM, file: new File([name], name, { type: "text/plain" }), folder: "/Access-log/" },
        owner,
      ),
    );
  const a = await upload("a.txt");
  const b = await upload("b.txt");
  const view = (request: SignedInRequest, documentId: string) =>
    runForRequest(request, () => viewDocument(seeded.deps, { dealRoomId: ROOM, documentId }, request));
  await view(at(buyer, 1), a.id);
  await runForRequest(at(buyer, 2), () =>
    downloadDocument(seeded.deps, { dealRoomId: ROOM, documentId: a.id }, at(buyer, 2)),
  );
  // Two views of one instant: the later-recorded one reads first.
  await view(at(buyer, 3), b.id);
  await view(at(advisor, 3), a.id);
  return { owner, buyer, advisor, a, b };
}

describe("readAccessLog", () => {
  it("reads the room's views and downloads newest first, by document or by person, naming files and people", async () => {
    const { owner, buyer, advisor, a, b } = await seenDocuments();
    // A view recorded against this room of a document that is not in it, by nobody known.
    await runWithDatabaseSession({ system: true }, () =>
      recordActivity(seeded.db.prisma, {
        action: ActivityAction.documentViewed,
        entityType: "document",
        entityId: stableId("not-a-document-here"),
        metadata: { dealRoomId: ROOM },
        occurredAt: minutesLater(4),
      }),
    );
    const read = (input: { documentId?: string; userId?: string } = {}) =>
      runForRequest(owner, () => readAccessLog(seeded.deps, { dealRoomId: ROOM, ...input }, owner));

    const all = await read();
    const ours = all.filter((event) => [a.id, b.id, stableId("not-a-document-here")].includes(event.documentId));
    expect(ours.map((event) => [event.action, event.fileName, event.user.name, event.occurredAt])).toEqual([
      ["document.viewed", null, null, minutesLater(4)],
      ["document.viewed", "a.txt", "Harriet Cole", minutesLater(3)],
      ["document.viewed", "b.txt", "Tom Bradshaw", minutesLater(3)],
      ["document.downloaded", "a.txt", "Tom Bradshaw", minutesLater(2)],
      ["document.viewed", "a.txt", "Tom Bradshaw", minutesLater(1)],
    ]);
    expect(ours[0]!.user).toEqual({ id: null, name: null });
    expect(ours[1]).toMatchObject({ user: { id: advisor.caller.id }, ipAddress: advisor.ipAddress });

    expect((await read({ documentId: b.id })).map((event) => [event.documentId, event.user.id])).toEqual([
      [b.id, buyer.caller.id],
    ]);
    const byAdvisor = await read({ userId: advisor.caller.id });
    expect(byAdvisor.map((event) => [event.documentId, event.action])).toEqual([[a.id, "document.viewed"]]);
  });

  it("is for the room's owner and advisors, never its buyers, and shows no other room's log", async () => {
    const advisor = await seeded.as(ACTORS.advisorOnDeal);
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const otherRoom = await seeded.db.prisma.dealRoom.findFirstOrThrow({ where: { id: { not: ROOM } } });
    await runWithDatabaseSession({ system: true }, () =>
      recordActivity(seeded.db.prisma, {
        action: ActivityAction.documentDownloaded,
        userId: buyer.caller.id,
        entityType: "document",
        entityId: stableId("other-room-document"),
        metadata: { dealRoomId: otherRoom.id },
        occurredAt: minutesLater(9),
      }),
    );
    const log = await runForRequest(advisor, () => readAccessLog(seeded.deps, { dealRoomId: ROOM }, advisor));
    expect(log.map((event) => event.documentId)).not.toContain(stableId("other-room-document"));
    expect(log.every((event) => event.fileName !== null || event.documentId === stableId("not-a-document-here"))).toBe(
      true,
    );
    expect(await attempt(buyer, () => readAccessLog(seeded.deps, { dealRoomId: ROOM }, buyer))).toMatchObject({
      code: "forbidden",
      message: "Your role in this deal room (BUYER) cannot read the access log.",
    });
  });
});

describe("exportAccessLog", () => {
  it("gives the owner every view and download of the room's documents, deleted ones too, oldest first, from the chain's head", async () => {
    const { owner, a, b } = await seenDocuments();
    await seeded.db.prisma.document.update({ where: { id: b.id }, data: { deletedAt: minutesLater(5) } });
    // Another room's document, seen: not part of this export.
    const otherRoom = await seeded.db.prisma.dealRoom.findFirstOrThrow({ where: { id: { not: ROOM } } });
    const otherDocument = await seeded.db.prisma.document.create({
      data: {
        businessId: otherRoom.businessId,
        dealRoomId: otherRoom.id,
        uploadedById: owner.caller.id,
        fileName: "elsewhere.txt",
        contentType: "text/plain",
        sizeBytes: 1n,
        sha256: "0".repeat(64),
        storageKey: `deal-rooms/${otherRoom.id}/elsewhere`,
      },
    });
    await runWithDatabaseSession({ system: true }, () =>
      recordActivity(seeded.db.prisma, {
        action: ActivityAction.documentViewed,
        userId: owner.caller.id,
        entityType: "document",
        entityId: otherDocument.id,
        metadata: { dealRoomId: otherRoom.id },
        occurredAt: minutesLater(6),
      }),
    );
    const exported = await runForRequest(owner, () => exportAccessLog(seeded.deps, { dealRoomId: ROOM }, owner));
    const [head] = await seeded.db.query<{ last_id: string; last_hash: string }>(
      "SELECT last_id::text, last_hash FROM activity_chain WHERE id = 1",
    );
    expect(exported.chainHead).toEqual({ lastId: head!.last_id, lastHash: head!.last_hash });
    expect(exported.dealRoomId).toBe(ROOM);
    const rows = [];
    for await (const row of exported.rows) rows.push(row);
    const roomDocuments = await seeded.db.prisma.document.findMany({
      where: { dealRoomId: ROOM, deletedAt: undefined },
      select: { id: true },
    });
    const inRoom = new Set(roomDocuments.map((document) => document.id));
    expect(rows.every((row) => inRoom.has(row.document.id))).toBe(true);
    const ours = rows.filter((row) => row.document.id === a.id || row.document.id === b.id);
    expect(ours.map((row) => [row.kind, row.document.fileName, row.user.name])).toEqual([
      ["view", "a.txt", "Tom Bradshaw"],
      ["download", "a.txt", "Tom Bradshaw"],
      ["view", "b.txt", "Tom Bradshaw"],
      ["view", "a.txt", "Harriet Cole"],
    ]);
  });

  it("exports nothing from a room without documents", async () => {
    const admin = await seeded.as(ACTORS.admin);
    const empty = await seeded.db.prisma.dealRoom.create({
      data: { businessId: BUSINESS_OF_ROOM, name: "A room with nothing in it yet" },
    });
    const exported = await runForRequest(admin, () => exportAccessLog(seeded.deps, { dealRoomId: empty.id }, admin));
    const rows = [];
    for await (const row of exported.rows) rows.push(row);
    expect([exported.dealRoomId, rows]).toEqual([empty.id, []]);
  });

  it("is for the room's owner only", async () => {
    for (const [email, role] of [
      [ACTORS.advisorOnDeal, "ADVISOR"],
      [ACTORS.buyerWithNda, "BUYER"],
    ] as const) {
      const member = await seeded.as(email);
      expect(await attempt(member, () => exportAccessLog(seeded.deps, { dealRoomId: ROOM }, member))).toMatchObject({
        code: "forbidden",
        message: `Your role in this deal room (${role}) cannot export the access log.`,
      });
    }
  });
});
