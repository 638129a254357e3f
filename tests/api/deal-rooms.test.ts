import { beforeAll, describe, expect, it } from "vitest";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, loginAs, problemOf } from "../support/api-client.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { type SeededApp, useSeededApp } from "../support/seeded-app.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import type { TestDatabase } from "../support/test-database.ts";

const ROOM = stableId("inquiry-1:room"); // business-1: owner seller, NDA buyer, advisor on the deal

describe("deal rooms", () => {
  const seeded = useSeededApp();
  let db: TestDatabase;
  let app: SeededApp["app"];
  let token: SeededApp["token"];
  let clock: SeededApp["clock"];
  // Within an access token's 15 minutes, so the clock can move without logging in again.
  const TEN_MINUTES = 10 * 60 * 1000;

  beforeAll(() => {
    ({ db, app, token, clock } = seeded);
  });

  const upload = (actor: keyof typeof ACTORS, file: File, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set("file", file);
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    return app.request(`/deal-rooms/${ROOM}/documents`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token(actor)}` },
    });
  };
  const pdf = (text: string, name = "accounts-2025.pdf") =>
    new File([`%PDF-1.7\n${text}`], name, { type: "application/pdf" });

  it("is visible to its members only", async () => {
    for (const actor of ["ownerSeller", "buyerWithNda", "advisorOnDeal", "admin"] as const) {
      const rooms = (await (await call(app, "GET", "/deal-rooms", { token: token(actor) })).json()) as {
        items: { id: string }[];
      };
      expect(
        rooms.items.map((room) => room.id),
        actor,
      ).toContain(ROOM);
      expect((await call(app, "GET", `/deal-rooms/${ROOM}`, { token: token(actor) })).status).toBe(200);
    }
    for (const actor of ["otherSeller", "buyerWithoutNda", "advisorOffDeal"] as const) {
      const rooms = (await (await call(app, "GET", "/deal-rooms", { token: token(actor) })).json()) as {
        items: { id: string }[];
      };
      expect(
        rooms.items.map((room) => room.id),
        actor,
      ).not.toContain(ROOM);
      expect((await problemOf(await call(app, "GET", `/deal-rooms/${ROOM}`, { token: token(actor) }))).status).toBe(
        404,
      );
    }
  });

  it("stores uploads with their checksum, versions them, and lists the latest version", async () => {
    const first = await upload("ownerSeller", pdf("version one"), { folder: "/Financials/" });
    expect(first.status).toBe(201);
    const v1 = (await first.json()) as {
      id: string;
      version: number;
      sha256: string;
      sizeBytes: number;
      folder: string;
    };
    expect(v1).toMatchObject({ version: 1, folder: "/Financials/", sizeBytes: "%PDF-1.7\nversion one".length });
    expect(v1.sha256).toMatch(/^[0-9a-f]{64}$/);

    const second = await upload("advisorOnDeal", pdf("version two, corrected"), { replaces: v1.id });
    const v2 = (await second.json()) as { id: string; version: number; previousVersionId: string; folder: string };
    expect(v2).toMatchObject({ version: 2, previousVersionId: v1.id, folder: "/Financials/" });

    const list = (await (
      await call(app, "GET", `/deal-rooms/${ROOM}/documents`, { token: token("buyerWithNda") })
    ).json()) as { items: { id: string }[] };
    expect(list.items.map((document) => document.id)).toEqual([v2.id]);

    const race = await upload("ownerSeller", pdf("another edit of v1"), { replaces: v1.id });
    expect((await problemOf(race)).code).toBe("conflict");
  });

  it("lets buyers read but not upload, and refuses unsafe or oversized files", async () => {
    expect((await problemOf(await upload("buyerWithNda", pdf("mine")))).code).toBe("forbidden");
    const script = new File(["<script>alert(1)</script>"], "x.html", { type: "text/html" });
    expect(await problemOf(await upload("ownerSeller", script))).toMatchObject({
      status: 415,
      code: "unsupported_media_type",
    });
    const huge = new File([new Uint8Array(25 * 1024 * 1024 + 1)], "huge.pdf", { type: "application/pdf" });
    expect((await problemOf(await upload("ownerSeller", huge))).status).toBe(413);
    const notAFile = await app.request(`/deal-rooms/${ROOM}/documents`, {
      method: "POST",
      body: (() => {
        const form = new FormData();
        form.set("file", "just text");
        return form;
      })(),
      headers: { authorization: `Bearer ${token("ownerSeller")}` },
    });
    expect((await problemOf(notAFile)).errors?.[0]?.field).toBe("file");
  });

  it("logs every view and download, and shows the seller who read what", async () => {
    const created = (await (
      await upload("ownerSeller", pdf("the information memorandum"), { folder: "/IM/" })
    ).json()) as { id: string };
    const path = `/deal-rooms/${ROOM}/documents/${created.id}`;
    expect((await call(app, "GET", path, { token: token("buyerWithNda") })).status).toBe(200);
    const download = await call(app, "GET", `${path}/content`, { token: token("buyerWithNda") });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain("attachment;");
    expect(await download.text()).toBe("%PDF-1.7\nthe information memorandum");

    const log = (await (
      await call(app, "GET", `/deal-rooms/${ROOM}/access-log?documentId=${created.id}`, { token: token("ownerSeller") })
    ).json()) as {
      items: { action: string; user: { name: string } }[];
    };
    expect(log.items.map((event) => `${event.action} by ${event.user.name}`)).toEqual([
      "document.downloaded by Tom Bradshaw",
      "document.viewed by Tom Bradshaw",
    ]);
    expect(
      (await problemOf(await call(app, "GET", `/deal-rooms/${ROOM}/access-log`, { token: token("buyerWithNda") })))
        .code,
    ).toBe("forbidden");
  });

  it("ends access when it expires or is revoked, but never removes the owner", async () => {
    const viewer = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithoutNda } });
    const added = await call(app, "POST", `/deal-rooms/${ROOM}/members`, {
      token: token("ownerSeller"),
      body: {
        userId: viewer.id,
        role: "VIEWER",
        accessExpiresAt: new Date(TEST_NOW.getTime() + TEN_MINUTES).toISOString(),
      },
    });
    expect(added.status).toBe(200);
    const before = await call(app, "GET", `/deal-rooms/${ROOM}/documents`, { token: token("buyerWithoutNda") });
    // The API and row-level security agree: the room and its documents are there.
    expect(((await before.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);

    // A second before the expiry the access holds; at the expiry it ends, by the app's clock.
    clock.set(new Date(TEST_NOW.getTime() + TEN_MINUTES - 1000));
    try {
      const lastSecond = await call(app, "GET", `/deal-rooms/${ROOM}/documents`, { token: token("buyerWithoutNda") });
      expect(((await lastSecond.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
      clock.set(new Date(TEST_NOW.getTime() + TEN_MINUTES));
      expect(
        (await call(app, "GET", `/deal-rooms/${ROOM}/documents`, { token: token("buyerWithoutNda") })).status,
      ).toBe(404);
    } finally {
      clock.set(TEST_NOW);
    }
    await db.prisma.dealRoomMember.updateMany({
      where: { userId: viewer.id, dealRoomId: ROOM },
      data: { accessExpiresAt: new Date(TEST_NOW.getTime() - 1000) },
    });
    expect((await call(app, "GET", `/deal-rooms/${ROOM}/documents`, { token: token("buyerWithoutNda") })).status).toBe(
      404,
    );

    const buyer = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithNda } });
    expect(
      (await call(app, "DELETE", `/deal-rooms/${ROOM}/members/${buyer.id}`, { token: token("advisorOnDeal") })).status,
    ).toBe(403);
    expect(
      (await call(app, "DELETE", `/deal-rooms/${ROOM}/members/${buyer.id}`, { token: token("ownerSeller") })).status,
    ).toBe(204);
    expect((await call(app, "GET", `/deal-rooms/${ROOM}`, { token: token("buyerWithNda") })).status).toBe(404);
    const owner = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.ownerSeller } });
    expect(
      (await problemOf(await call(app, "DELETE", `/deal-rooms/${ROOM}/members/${owner.id}`, { token: token("admin") })))
        .code,
    ).toBe("conflict");

    // Restore the buyer for the Q&A test.
    await call(app, "POST", `/deal-rooms/${ROOM}/members`, {
      token: token("ownerSeller"),
      body: { userId: buyer.id, role: "VIEWER" },
    });
  });

  it("runs a Q&A thread: members ask, the seller side answers", async () => {
    const asked = await call(app, "POST", `/deal-rooms/${ROOM}/questions`, {
      token: token("buyerWithNda"),
      body: { body: "Are the top three customer contracts assignable on a share sale?" },
    });
    expect(asked.status).toBe(201);
    const question = (await asked.json()) as { id: string };
    const path = `/deal-rooms/${ROOM}/questions/${question.id}/answer`;
    expect(
      (await problemOf(await call(app, "POST", path, { token: token("buyerWithNda"), body: { answer: "Yes" } }))).code,
    ).toBe("forbidden");
    expect(
      (
        await call(app, "POST", path, {
          token: token("advisorOnDeal"),
          body: { answer: "Yes: none has a change-of-control clause." },
        })
      ).status,
    ).toBe(200);
    const thread = (await (
      await call(app, "GET", `/deal-rooms/${ROOM}/questions`, { token: token("buyerWithNda") })
    ).json()) as {
      items: { id: string; answer: string | null; answeredBy: { name: string } | null }[];
    };
    expect(thread.items.find((item) => item.id === question.id)).toMatchObject({
      answer: "Yes: none has a change-of-control clause.",
      answeredBy: { name: "Harriet Cole" },
    });
  });

  it("hides rooms that are gone, from admins too: an unknown id, a deleted room, a room of a deleted listing", async () => {
    const otherRoom = stableId("inquiry-2:room"); // business-3, under offer
    const room = await db.prisma.dealRoom.findUniqueOrThrow({ where: { id: otherRoom }, include: { business: true } });
    const owner = await db.prisma.user.findUniqueOrThrow({ where: { id: room.business.sellerId } });
    const ownerToken = await loginAs(app, owner.email);
    const visible = async (bearer: string) => {
      const response = await call(app, "GET", `/deal-rooms/${otherRoom}`, { token: bearer });
      const listed = (await (await call(app, "GET", "/deal-rooms", { token: bearer })).json()) as {
        items: { id: string }[];
      };
      return [response.status, listed.items.some((item) => item.id === otherRoom)];
    };
    expect(await visible(ownerToken)).toEqual([200, true]);
    expect(await visible(token("admin"))).toEqual([200, true]);
    expect(
      (await problemOf(await call(app, "GET", `/deal-rooms/${crypto.randomUUID()}`, { token: token("admin") }))).status,
    ).toBe(404);

    await db.prisma.dealRoom.update({ where: { id: otherRoom }, data: { deletedAt: TEST_NOW } });
    expect(await visible(ownerToken)).toEqual([404, false]);
    expect(await visible(token("admin"))).toEqual([404, false]);
    await db.prisma.dealRoom.update({ where: { id: otherRoom, deletedAt: { not: null } }, data: { deletedAt: null } });

    await db.prisma.business.update({ where: { id: room.businessId }, data: { deletedAt: TEST_NOW } });
    try {
      expect((await visible(ownerToken))[0]).toBe(404);
      expect((await visible(token("admin")))[0]).toBe(404);
    } finally {
      await db.prisma.business.update({
        where: { id: room.businessId, deletedAt: { not: null } },
        data: { deletedAt: null },
      });
    }
    expect(await visible(ownerToken)).toEqual([200, true]);
  });

  it("lists a room only while the caller's membership is neither revoked nor expired", async () => {
    const outsider = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.advisorOffDeal } });
    const listsRoom = async () => {
      const listed = (await (await call(app, "GET", "/deal-rooms", { token: token("advisorOffDeal") })).json()) as {
        items: { id: string }[];
      };
      return listed.items.some((item) => item.id === ROOM);
    };
    const membership = await db.prisma.dealRoomMember.create({
      data: {
        dealRoomId: ROOM,
        userId: outsider.id,
        role: "VIEWER",
        accessExpiresAt: new Date(TEST_NOW.getTime() + 1000),
      },
    });
    try {
      expect(await listsRoom()).toBe(true);
      await db.prisma.dealRoomMember.update({ where: { id: membership.id }, data: { accessExpiresAt: TEST_NOW } });
      expect(await listsRoom()).toBe(false);
      await db.prisma.dealRoomMember.update({ where: { id: membership.id }, data: { accessExpiresAt: null } });
      expect(await listsRoom()).toBe(true);
      await db.prisma.dealRoomMember.update({ where: { id: membership.id }, data: { revokedAt: TEST_NOW } });
      expect(await listsRoom()).toBe(false);
    } finally {
      await db.prisma.dealRoomMember.delete({ where: { id: membership.id } });
    }
  });
});
