// Listing and marking notifications as use cases: the pages of a keyset list hold every
// notification once, in one order, even when several share an instant; a cursor the API did not
// give out is refused; marking names ids or says "all", and names nothing otherwise.
import { describe, expect, it } from "vitest";
import { listNotifications } from "../../functions/notifications/list-notifications.ts";
import { markNotificationsRead } from "../../functions/notifications/mark-notifications-read.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { attempt, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const cursorOf = (...parts: string[]) => Buffer.from(parts.join("|")).toString("base64url");

/** Seven notifications for `email`: three at one instant, then four a second apart. */
async function sevenNotifications(email: string) {
  const request = await seeded.as(email);
  const instants = [0, 0, 0, 1, 2, 3, 4].map((seconds) => new Date(TEST_NOW.getTime() + seconds * 1000));
  for (const [n, createdAt] of instants.entries()) {
    await seeded.db.prisma.notification.create({
      data: {
        userId: request.caller.id,
        topic: "DEAL_ROOM_QA",
        dedupeKey: `list-test:${n}`,
        title: `Item ${n}`,
        body: "-",
        link: "/",
        createdAt,
      },
    });
  }
  return request;
}

describe("listNotifications", () => {
  it("pages newest first, ties by id, each notification once, and says when there is no next page", async () => {
    const request = await sevenNotifications(ACTORS.advisorOffDeal);
    const stored = await seeded.db.prisma.notification.findMany({ where: { userId: request.caller.id } });
    const expected = stored
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((notification) => notification.id);

    const seen: string[] = [];
    let cursor: string | undefined;
    const pageSizes: number[] = [];
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await runForRequest(request, () =>
        listNotifications(seeded.deps, { limit: 3, ...(cursor ? { cursor } : {}) }, request),
      );
      seen.push(...page.items.map((item) => item.id));
      pageSizes.push(page.items.length);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(expected);
    expect(pageSizes).toEqual([3, 3, 1]);

    // A page that ends exactly at the last notification has no next page.
    const exact = await runForRequest(request, () => listNotifications(seeded.deps, { limit: 7 }, request));
    expect([exact.items.length, exact.nextCursor, exact.unread]).toEqual([7, null, 7]);
  });

  it("refuses a cursor it did not give out", async () => {
    const request = await seeded.as(ACTORS.advisorOffDeal);
    const id = "0b6c8a5e-2a7f-4c55-9a52-0d7f5e0f3a11";
    for (const cursor of [
      cursorOf("not-a-time", id),
      cursorOf(TEST_NOW.toISOString(), "not-a-uuid"),
      cursorOf(TEST_NOW.toISOString(), id, "extra"),
      cursorOf(TEST_NOW.toISOString()),
    ]) {
      expect(await attempt(request, () => listNotifications(seeded.deps, { limit: 3, cursor }, request))).toMatchObject(
        {
          code: "validation_failed",
          message: "The cursor is not one this API gave out.",
        },
      );
    }
  });
});

describe("markNotificationsRead", () => {
  it("marks nothing when given neither ids nor all, then everything unread with all", async () => {
    const request = await sevenNotifications(ACTORS.otherSeller);
    expect(await runForRequest(request, () => markNotificationsRead(seeded.deps, {}, request))).toEqual({ marked: 0 });
    expect(await runForRequest(request, () => markNotificationsRead(seeded.deps, { all: true }, request))).toEqual({
      marked: 7,
    });
    const unread = await seeded.db.prisma.notification.count({ where: { userId: request.caller.id, readAt: null } });
    expect(unread).toBe(0);
  });
});
