// A deal room as use cases, without HTTP: documents in and out through the real storage, the
// access log they leave, questions and answers, and who may do what.

import { describe, expect, it } from "vitest";
import { addMember } from "../../functions/deal-rooms/add-member.ts";
import { answerQuestion } from "../../functions/deal-rooms/answer-question.ts";
import { askQuestion } from "../../functions/deal-rooms/ask-question.ts";
import { MAX_DOCUMENT_BYTES } from "../../functions/deal-rooms/document-rules.ts";
import { downloadDocument } from "../../functions/deal-rooms/download-document.ts";
import { getDealRoom } from "../../functions/deal-rooms/get-deal-room.ts";
import { listDealRooms } from "../../functions/deal-rooms/list-deal-rooms.ts";
import { listDocuments } from "../../functions/deal-rooms/list-documents.ts";
import { listQuestions } from "../../functions/deal-rooms/list-questions.ts";
import { readAccessLog } from "../../functions/deal-rooms/read-access-log.ts";
import { removeDocument } from "../../functions/deal-rooms/remove-document.ts";
import { revokeMember } from "../../functions/deal-rooms/revoke-member.ts";
import { uploadDocument } from "../../functions/deal-rooms/upload-document.ts";
import { viewDocument } from "../../functions/deal-rooms/view-document.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { S3Storage } from "../../functions/storage/s3-storage.ts";
import { startS3rver } from "../support/s3rver.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { attempt, codeOf, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();

const roomOfListing = async () =>
  (await seeded.db.prisma.dealRoom.findFirstOrThrow({ where: { businessId: BUSINESS.confidentialPublished } })).id;
const file = (name: string, type: string, text: string) => new File([text], name, { type });

describe("documents", () => {
  it("stores an upload and its new version, logs views and downloads, and removes it softly", async () => {
    const dealRoomId = await roomOfListing();
    const owner = await seeded.as(ACTORS.ownerSeller);
    const buyer = await seeded.as(ACTORS.buyerWithNda);

    const byBuyer = await attempt(buyer, () =>
      uploadDocument(seeded.deps, { dealRoomId, file: file("a.pdf", "application/pdf", "%PDF-1") }, buyer),
    );
    expect(codeOf(byBuyer)).toBe("forbidden");
    const script = await attempt(owner, () =>
      uploadDocument(seeded.deps, { dealRoomId, file: file("x.html", "text/html", "<script>") }, owner),
    );
    expect(codeOf(script)).toBe("unsupported_media_type");

    const first = await runForRequest(owner, () =>
      uploadDocument(
        seeded.deps,
        {
          dealRoomId,
          file: file("../Accounts 2025.csv", "Text/CSV; charset=utf-8", "year,revenue\n2025,1"),
          folder: "/Finance/",
        },
        owner,
      ),
    );
    expect(first).toMatchObject({
      fileName: ".._Accounts 2025.csv",
      contentType: "text/csv",
      folder: "/Finance/",
      version: 1,
    });
    const second = await runForRequest(owner, () =>
      uploadDocument(
        seeded.deps,
        { dealRoomId, file: file("Accounts 2025.csv", "text/csv", "year,revenue\n2025,2"), replaces: first.id },
        owner,
      ),
    );
    expect(second).toMatchObject({ version: 2, previousVersionId: first.id, folder: "/Finance/" });
    const replacedAgain = await attempt(owner, () =>
      uploadDocument(seeded.deps, { dealRoomId, file: file("b.csv", "text/csv", "x"), replaces: first.id }, owner),
    );
    expect(codeOf(replacedAgain)).toBe("conflict");

    const listed = await runForRequest(buyer, () =>
      listDocuments(seeded.deps, { dealRoomId, folder: "/Finance/" }, buyer),
    );
    expect(listed.map((document) => document.id)).toEqual([second.id]);

    await runForRequest(buyer, () => viewDocument(seeded.deps, { dealRoomId, documentId: second.id }, buyer));
    const download = await runForRequest(buyer, () =>
      downloadDocument(seeded.deps, { dealRoomId, documentId: second.id }, buyer),
    );
    expect("bytes" in download && new TextDecoder().decode(download.bytes)).toBe("year,revenue\n2025,2");

    expect(codeOf(await attempt(buyer, () => readAccessLog(seeded.deps, { dealRoomId }, buyer)))).toBe("forbidden");
    const log = await runForRequest(owner, () =>
      readAccessLog(seeded.deps, { dealRoomId, documentId: second.id }, owner),
    );
    expect(log.map((event) => [event.action, event.user.id, event.ipAddress])).toEqual([
      ["document.downloaded", buyer.caller.id, buyer.ipAddress],
      ["document.viewed", buyer.caller.id, buyer.ipAddress],
    ]);

    const removal = { dealRoomId, documentId: second.id };
    expect(codeOf(await attempt(buyer, () => removeDocument(seeded.deps, removal, buyer)))).toBe("forbidden");
    await runForRequest(owner, () => removeDocument(seeded.deps, removal, owner));
    expect(codeOf(await attempt(buyer, () => viewDocument(seeded.deps, removal, buyer)))).toBe("not_found");
    const kept = await seeded.db.prisma.document.findFirstOrThrow({ where: { id: second.id, deletedAt: undefined } });
    expect(kept.deletedAt).toEqual(owner.receivedAt);
    expect(await seeded.deps.storage.get(kept.storageKey)).not.toBeNull();
  });
});

describe("listDocuments, downloadDocument, removeDocument: their rules one by one", () => {
  const upload = async (name: string, folder: string, replaces?: string) => {
    const owner = await seeded.as(ACTORS.ownerSeller);
    const dealRoomId = await roomOfListing();
    return runForRequest(owner, () =>
      uploadDocument(
        seeded.deps,
        { dealRoomId, file: file(name, "text/plain", `${folder}${name}`), folder, ...(replaces ? { replaces } : {}) },
        owner,
      ),
    );
  };

  it("lists the latest live version of each document, by folder then name, in one folder or all", async () => {
    const dealRoomId = await roomOfListing();
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const zebra = await upload("zebra.txt", "/Listing-A/");
    const apple = await upload("apple.txt", "/Listing-A/");
    const legal = await upload("lease.txt", "/Listing-B/");
    const appleV2 = await upload("apple.txt", "/Listing-A/", apple.id);
    const zebraV2 = await upload("zebra.txt", "/Listing-A/", zebra.id);
    // The newer zebra is removed: the one it replaced is the latest live version again.
    await seeded.db.prisma.document.update({ where: { id: zebraV2.id }, data: { deletedAt: buyer.receivedAt } });
    const gone = await upload("gone.txt", "/Listing-A/");
    await seeded.db.prisma.document.update({ where: { id: gone.id }, data: { deletedAt: buyer.receivedAt } });

    const inFolder = await runForRequest(buyer, () =>
      listDocuments(seeded.deps, { dealRoomId, folder: "/Listing-A/" }, buyer),
    );
    expect(inFolder.map((document) => document.id)).toEqual([appleV2.id, zebra.id]);

    const all = await runForRequest(buyer, () => listDocuments(seeded.deps, { dealRoomId }, buyer));
    const ours = all.filter((document) => document.folder.startsWith("/Listing-"));
    expect(ours.map((document) => document.id)).toEqual([appleV2.id, zebra.id, legal.id]);
    const order = all.map((document) => `${document.folder}\u0000${document.fileName}`);
    expect(order).toEqual([...order].sort());
  });

  it("downloads from S3 through a short-lived link that names the file, and logs the download", async () => {
    const s3 = await startS3rver("exitmatch-documents");
    try {
      const storage = new S3Storage(s3.client, "exitmatch-documents", { serverSideEncryption: false });
      const dealRoomId = await roomOfListing();
      const owner = await seeded.as(ACTORS.ownerSeller);
      const buyer = await seeded.as(ACTORS.buyerWithNda);
      const deps = { ...seeded.deps, storage };
      const document = await runForRequest(owner, () =>
        uploadDocument(
          deps,
          { dealRoomId, file: file("Heads of terms.pdf", "application/pdf", "%PDF-1.7 heads") },
          owner,
        ),
      );
      const download = await runForRequest(buyer, () =>
        downloadDocument(deps, { dealRoomId, documentId: document.id }, buyer),
      );
      expect(download.document.id).toBe(document.id);
      expect("url" in download).toBe(true);
      const url = new URL((download as { url: string }).url);
      expect(url.searchParams.get("X-Amz-Expires")).toBe("60");
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("%PDF-1.7 heads");
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''Heads%20of%20terms.pdf");
      const logged = await seeded.db.prisma.activityLog.findMany({
        where: { action: "document.downloaded", entityId: document.id },
      });
      expect(logged.map((row) => row.userId)).toEqual([buyer.caller.id]);
    } finally {
      await s3.stop();
    }
  });

  it("says so when the file has gone from storage", async () => {
    const dealRoomId = await roomOfListing();
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const document = await upload("lost.txt", "/");
    await seeded.deps.storage.delete(document.storageKey);
    const outcome = await attempt(buyer, () =>
      downloadDocument(seeded.deps, { dealRoomId, documentId: document.id }, buyer),
    );
    expect(outcome).toMatchObject({ code: "not_found", message: "The file is missing from storage." });
  });

  it("tells a buyer their role cannot remove documents", async () => {
    const dealRoomId = await roomOfListing();
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const document = await upload("keep.txt", "/");
    const outcome = await attempt(buyer, () =>
      removeDocument(seeded.deps, { dealRoomId, documentId: document.id }, buyer),
    );
    expect(outcome).toMatchObject({
      code: "forbidden",
      message: "Your role in this deal room (BUYER) cannot remove documents.",
    });
    const stored = await seeded.db.prisma.document.findUniqueOrThrow({ where: { id: document.id } });
    expect(stored.deletedAt).toBeNull();
    // The listing's advisor may.
    const advisor = await seeded.as(ACTORS.advisorOnDeal);
    await runForRequest(advisor, () => removeDocument(seeded.deps, { dealRoomId, documentId: document.id }, advisor));
    const removed = await seeded.db.prisma.document.findFirstOrThrow({
      where: { id: document.id, deletedAt: undefined },
    });
    expect(removed.deletedAt).toEqual(advisor.receivedAt);
  });
});

describe("uploadDocument: its rules one by one", () => {
  /** A file that says it is `size` bytes; the rules read the size before any byte. */
  const sized = (size: number, type = "application/pdf") => ({
    name: "big.pdf",
    type,
    size,
    arrayBuffer: async () => new Uint8Array(size).buffer,
  });

  it("says what it refuses and why: role, size, type, and a version that is not in the room", async () => {
    const dealRoomId = await roomOfListing();
    const owner = await seeded.as(ACTORS.ownerSeller);
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const upload = (request: typeof owner, input: Omit<Parameters<typeof uploadDocument>[1], "dealRoomId">) =>
      attempt(request, () => uploadDocument(seeded.deps, { dealRoomId, ...input }, request));

    expect(await upload(buyer, { file: file("a.pdf", "application/pdf", "%PDF-1") })).toMatchObject({
      code: "forbidden",
      message: "Your role in this deal room (BUYER) cannot upload documents.",
    });
    expect(await upload(owner, { file: sized(MAX_DOCUMENT_BYTES + 1) })).toMatchObject({
      code: "payload_too_large",
      message: "Documents are limited to 25 MiB.",
    });
    expect(await upload(owner, { file: file("x.html", "text/html", "<p>") })).toMatchObject({
      code: "unsupported_media_type",
      message: "text/html is not accepted in a deal room.",
    });
    expect(await upload(owner, { file: file("x", "", "?") })).toMatchObject({
      code: "unsupported_media_type",
      message: "This file type is not accepted in a deal room.",
    });
    const elsewhere = await seeded.db.prisma.document.findFirst({ where: { dealRoomId: { not: dealRoomId } } });
    for (const replaces of ["00000000-0000-4000-8000-000000000000", ...(elsewhere ? [elsewhere.id] : [])]) {
      expect(await upload(owner, { file: file("a.pdf", "application/pdf", "%PDF-1"), replaces })).toMatchObject({
        code: "not_found",
        message: "The document to replace is not in this deal room.",
      });
    }
  });

  it("takes a file of exactly the limit, files it at the top unless told otherwise, and refuses a second new version", async () => {
    const dealRoomId = await roomOfListing();
    const owner = await seeded.as(ACTORS.ownerSeller);
    const atLimit = await runForRequest(owner, () =>
      uploadDocument(seeded.deps, { dealRoomId, file: sized(MAX_DOCUMENT_BYTES) }, owner),
    );
    expect(atLimit).toMatchObject({ folder: "/", version: 1, sizeBytes: BigInt(MAX_DOCUMENT_BYTES) });
    const replace = () =>
      attempt(owner, () =>
        uploadDocument(
          seeded.deps,
          { dealRoomId, file: file("v2.pdf", "application/pdf", "%PDF-2"), replaces: atLimit.id },
          owner,
        ),
      );
    expect(await replace()).toMatchObject({ folder: "/", version: 2, previousVersionId: atLimit.id });
    expect(await replace()).toMatchObject({
      code: "conflict",
      message: "That version was already replaced; list the documents again.",
    });
  });
});

describe("members", () => {
  it("lets the owner give and end access, never to the owner, and only in the future", async () => {
    const dealRoomId = await roomOfListing();
    const owner = await seeded.as(ACTORS.ownerSeller);
    const viewer = await seeded.as(ACTORS.advisorOffDeal);
    const add = (accessExpiresAt: Date | null, userId = viewer.caller.id) =>
      attempt(owner, () => addMember(seeded.deps, { dealRoomId, userId, role: "VIEWER", accessExpiresAt }, owner));

    const before = await attempt(viewer, () => getDealRoom(seeded.deps, { dealRoomId }, viewer));
    expect(codeOf(before)).toBe("not_found");
    expect(codeOf(await add(new Date(owner.receivedAt.getTime() - 1)))).toBe("validation_failed");
    expect(codeOf(await add(null, owner.caller.id))).toBe("conflict");
    const added = await add(new Date(owner.receivedAt.getTime() + 86_400_000));
    expect(codeOf(added)).toBe("succeeded");

    const room = await runForRequest(viewer, () => getDealRoom(seeded.deps, { dealRoomId }, viewer));
    expect(room.myRole).toBe("VIEWER");
    const rooms = await runForRequest(viewer, () => listDealRooms(seeded.deps, {}, viewer));
    expect(rooms.map((listed) => listed.id)).toContain(dealRoomId);
    const byViewer = await attempt(viewer, () =>
      revokeMember(seeded.deps, { dealRoomId, userId: owner.caller.id }, viewer),
    );
    expect(codeOf(byViewer)).toBe("forbidden");
    const ownerOut = await attempt(owner, () =>
      revokeMember(seeded.deps, { dealRoomId, userId: owner.caller.id }, owner),
    );
    expect(codeOf(ownerOut)).toBe("conflict");
    await runForRequest(owner, () => revokeMember(seeded.deps, { dealRoomId, userId: viewer.caller.id }, owner));
    expect(codeOf(await attempt(viewer, () => getDealRoom(seeded.deps, { dealRoomId }, viewer)))).toBe("not_found");
    const again = await attempt(owner, () =>
      revokeMember(seeded.deps, { dealRoomId, userId: viewer.caller.id }, owner),
    );
    expect(codeOf(again)).toBe("not_found");
  });
});

describe("addMember: its rules one by one", () => {
  it("adds only an active person, with an expiry later than now (now itself is too late)", async () => {
    const dealRoomId = await roomOfListing();
    const owner = await seeded.as(ACTORS.ownerSeller);
    const add = (userId: string, accessExpiresAt: Date | null = null) =>
      attempt(owner, () => addMember(seeded.deps, { dealRoomId, userId, role: "VIEWER", accessExpiresAt }, owner));
    const [suspended, erased, active] = await Promise.all(
      ["sarah.whitfield@midlandsindustrial.co.uk", "priya.sharma@careventures.co.uk", "owen.davies@gmail.example"].map(
        (email) => seeded.db.prisma.user.findFirstOrThrow({ where: { email } }),
      ),
    );
    await seeded.db.prisma.user.update({ where: { id: suspended!.id }, data: { status: "SUSPENDED" } });
    await seeded.db.prisma.user.update({ where: { id: erased!.id }, data: { deletedAt: owner.receivedAt } });

    for (const userId of ["00000000-0000-4000-8000-000000000000", suspended!.id, erased!.id]) {
      expect(await add(userId)).toMatchObject({ code: "not_found", message: "No such user." });
    }
    expect(await add(active!.id, owner.receivedAt)).toMatchObject({
      code: "validation_failed",
      extras: { fields: [{ field: "accessExpiresAt", message: "must be in the future" }] },
    });
    expect(await add(owner.caller.id)).toMatchObject({
      code: "conflict",
      message: "The room's owner keeps the owner role and cannot be re-added.",
    });
    const members = await seeded.db.prisma.dealRoomMember.findMany({
      where: { dealRoomId, userId: { in: [suspended!.id, erased!.id, active!.id] } },
    });
    expect(members).toEqual([]);
  });

  it("re-admits a revoked member with the new role and expiry, and logs who was added as what", async () => {
    const dealRoomId = await roomOfListing();
    const owner = await seeded.as(ACTORS.ownerSeller);
    const person = await seeded.as("alistair.grant@highlandhospitality.co.uk");
    const member = { dealRoomId, userId: person.caller.id };
    const asViewer = await runForRequest(owner, () =>
      addMember(seeded.deps, { ...member, role: "VIEWER", accessExpiresAt: null }, owner),
    );
    expect(asViewer.room.id).toBe(dealRoomId);
    expect(asViewer.members.map((listed) => listed.userId)).toContain(person.caller.id);
    await runForRequest(owner, () => revokeMember(seeded.deps, member, owner));
    expect(codeOf(await attempt(person, () => getDealRoom(seeded.deps, { dealRoomId }, person)))).toBe("not_found");

    const expires = new Date(owner.receivedAt.getTime() + 7 * 86_400_000);
    await runForRequest(owner, () =>
      addMember(seeded.deps, { ...member, role: "ADVISOR", accessExpiresAt: expires }, owner),
    );
    const stored = await seeded.db.prisma.dealRoomMember.findUniqueOrThrow({ where: { dealRoomId_userId: member } });
    expect(stored).toMatchObject({
      role: "ADVISOR",
      accessExpiresAt: expires,
      revokedAt: null,
      addedById: owner.caller.id,
    });
    const room = await runForRequest(person, () => getDealRoom(seeded.deps, { dealRoomId }, person));
    expect(room.myRole).toBe("ADVISOR");

    const logged = await seeded.db.prisma.activityLog.findMany({
      where: { action: "deal_room.member_added", entityId: dealRoomId, userId: owner.caller.id },
      orderBy: { id: "asc" },
    });
    expect(logged.filter((row) => (row.metadata as { memberId?: string }).memberId === person.caller.id)).toEqual([
      expect.objectContaining({ entityType: "deal_room", metadata: { memberId: person.caller.id, role: "VIEWER" } }),
      expect.objectContaining({ entityType: "deal_room", metadata: { memberId: person.caller.id, role: "ADVISOR" } }),
    ]);
  });
});

describe("answerQuestion: its rules one by one", () => {
  it("tells a buyer their role cannot answer, and finds no question of another room or a removed one", async () => {
    const dealRoomId = await roomOfListing();
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const owner = await seeded.as(ACTORS.ownerSeller);
    const prisma = seeded.db.prisma;
    const question = await runForRequest(buyer, () =>
      askQuestion(seeded.deps, { dealRoomId, body: "Is the lease assignable?" }, buyer),
    );
    expect(
      await attempt(buyer, () =>
        answerQuestion(seeded.deps, { dealRoomId, questionId: question.id, answer: "Yes." }, buyer),
      ),
    ).toMatchObject({ code: "forbidden", message: "Your role in this deal room (BUYER) cannot answer questions." });

    const otherRoom = await prisma.dealRoom.findFirstOrThrow({ where: { id: { not: dealRoomId } } });
    const elsewhere = await prisma.dealRoomQuestion.create({
      data: { dealRoomId: otherRoom.id, askedById: buyer.caller.id, body: "Elsewhere?" },
    });
    const removed = await prisma.dealRoomQuestion.create({
      data: { dealRoomId, askedById: buyer.caller.id, body: "Withdrawn?", deletedAt: owner.receivedAt },
    });
    for (const questionId of [elsewhere.id, removed.id]) {
      expect(
        await attempt(owner, () => answerQuestion(seeded.deps, { dealRoomId, questionId, answer: "No." }, owner)),
      ).toMatchObject({ code: "not_found", message: "No such question in this deal room." });
    }
    const untouched = await prisma.dealRoomQuestion.findMany({
      where: { id: { in: [elsewhere.id, removed.id] }, deletedAt: undefined },
    });
    expect(untouched.map((row) => row.answer)).toEqual([null, null]);
  });
});

describe("listQuestions", () => {
  it("lists the room's own live questions, oldest first", async () => {
    const dealRoomId = await roomOfListing();
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const prisma = seeded.db.prisma;
    const at = (minutes: number) => new Date(buyer.receivedAt.getTime() + minutes * 60_000);
    const ask = (room: string, body: string, minutes: number, deletedAt: Date | null = null) =>
      prisma.dealRoomQuestion.create({
        data: { dealRoomId: room, askedById: buyer.caller.id, body, createdAt: at(minutes), deletedAt },
      });
    // Asked newest first, so only the order asked for puts them right.
    const later = await ask(dealRoomId, "Later?", 30);
    const earlier = await ask(dealRoomId, "Earlier?", 20);
    await ask(dealRoomId, "Withdrawn?", 25, at(26));
    const otherRoom = await prisma.dealRoom.findFirstOrThrow({ where: { id: { not: dealRoomId } } });
    await ask(otherRoom.id, "Another room's?", 22);

    const listed = await runForRequest(buyer, () => listQuestions(seeded.deps, { dealRoomId }, buyer));
    expect(listed.every((question) => question.dealRoomId === dealRoomId)).toBe(true);
    expect(listed.map((question) => question.body)).not.toContain("Withdrawn?");
    const ours = listed.filter((question) => question.id === earlier.id || question.id === later.id);
    expect(ours.map((question) => question.id)).toEqual([earlier.id, later.id]);
    expect(ours[1]).toMatchObject({ askedBy: { id: buyer.caller.id } });
  });
});

describe("questions", () => {
  it("lets any member ask and only the owner or an advisor answer", async () => {
    const dealRoomId = await roomOfListing();
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const advisor = await seeded.as(ACTORS.advisorOnDeal);
    const missingDocument = await attempt(buyer, () =>
      askQuestion(seeded.deps, { dealRoomId, body: "Which contracts renew in 2027?", documentId: dealRoomId }, buyer),
    );
    expect(codeOf(missingDocument)).toBe("not_found");
    const asked = await runForRequest(buyer, () =>
      askQuestion(seeded.deps, { dealRoomId, body: "Which contracts renew in 2027?" }, buyer),
    );
    expect(asked).toMatchObject({ askedBy: { id: buyer.caller.id }, answer: null });
    const answer = { dealRoomId, questionId: asked.id, answer: "Twelve, all on three-year terms." };
    expect(codeOf(await attempt(buyer, () => answerQuestion(seeded.deps, answer, buyer)))).toBe("forbidden");
    const answered = await runForRequest(advisor, () => answerQuestion(seeded.deps, answer, advisor));
    expect(answered).toMatchObject({
      answer: answer.answer,
      answeredBy: { id: advisor.caller.id },
      answeredAt: advisor.receivedAt,
    });
  });
});
