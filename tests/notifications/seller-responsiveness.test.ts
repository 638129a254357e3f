// Seller responsiveness, as buyers see it on a listing, and the reminders that nudge a silent
// seller after 3 and 7 days: built on inquiries made at known times relative to the tests' clock.

import { beforeAll, describe, expect, it } from "vitest";
import { remindPendingInquiries } from "../../functions/notifications/remind-pending-inquiries.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { call } from "../support/api-client.ts";
import { useSeededApp } from "../support/seeded-app.ts";
import { TEST_NOW } from "../support/test-clock.ts";

const seeded = useSeededApp();
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(TEST_NOW.getTime() - ms);

/** A seller of their own with one published listing, so the seed's inquiries do not count. */
async function sellerWithListing(prisma: PrismaClient, key: string) {
  const seller = await prisma.user.create({
    data: { email: `seller.${key}@example.co.uk`, name: `Seller ${key}`, role: "SELLER", createdAt: ago(400 * DAY) },
  });
  const listing = await prisma.business.create({
    data: {
      sellerId: seller.id,
      title: `Listing ${key}`,
      description: "A business for the responsiveness tests, with enough words to be valid.",
      sicCode: "62012",
      region: "LONDON",
      askingPrice: 50_000_000n,
      premisesTenure: "LEASEHOLD",
      status: "PUBLISHED",
      publishedAt: ago(200 * DAY),
      lastActivityAt: ago(200 * DAY),
    },
  });
  return { seller, listing };
}

async function inquiry(
  prisma: PrismaClient,
  businessId: string,
  n: number,
  at: Date,
  outcome: { status: "PENDING" | "ACCEPTED" | "DECLINED" | "WITHDRAWN"; after?: number },
) {
  const buyer = await prisma.user.create({
    data: { email: `buyer.${businessId.slice(0, 8)}.${n}@example.co.uk`, name: `Buyer ${n}`, role: "BUYER" },
  });
  return prisma.inquiry.create({
    data: {
      businessId,
      buyerId: buyer.id,
      message: "Tell me more.",
      status: outcome.status,
      createdAt: at,
      respondedAt: outcome.after === undefined ? null : new Date(at.getTime() + outcome.after),
    },
  });
}

const sellerResponseOf = async (businessId: string) =>
  (
    (await (await call(seeded.app, "GET", `/businesses/${businessId}`)).json()) as {
      sellerResponse: { medianFirstResponseHours: number | null; inquiries: number; windowDays: number };
    }
  ).sellerResponse;

describe("seller responsiveness", () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = seeded.db.prisma;
  });

  it("shows the median hours to a first answer over 90 days, counting the still-waiting and not the withdrawn", async () => {
    const { listing } = await sellerWithListing(prisma, "median");
    await inquiry(prisma, listing.id, 1, ago(10 * DAY), { status: "ACCEPTED", after: 2 * HOUR });
    await inquiry(prisma, listing.id, 2, ago(20 * DAY), { status: "DECLINED", after: 30 * HOUR });
    expect(await sellerResponseOf(listing.id)).toEqual({
      medianFirstResponseHours: null,
      inquiries: 2,
      windowDays: 90,
    });

    // A third: a pending one that has waited 5 days so far counts as at least 120 hours.
    await inquiry(prisma, listing.id, 3, ago(5 * DAY), { status: "PENDING" });
    expect(await sellerResponseOf(listing.id)).toEqual({ medianFirstResponseHours: 30, inquiries: 3, windowDays: 90 });

    // Withdrawn before an answer, or older than 90 days: not counted.
    await inquiry(prisma, listing.id, 4, ago(3 * DAY), { status: "WITHDRAWN", after: HOUR });
    await inquiry(prisma, listing.id, 5, ago(91 * DAY), { status: "ACCEPTED", after: 500 * HOUR });
    await inquiry(prisma, listing.id, 6, ago(30 * DAY), { status: "ACCEPTED", after: 4 * HOUR });
    // 2, 4, 30, 120 hours: the median is 17.
    expect(await sellerResponseOf(listing.id)).toEqual({ medianFirstResponseHours: 17, inquiries: 4, windowDays: 90 });
  });

  it("reminds the seller after 3 and 7 days, once each, and not of answered inquiries", async () => {
    const { seller, listing } = await sellerWithListing(prisma, "reminders");
    const waiting = await inquiry(prisma, listing.id, 1, ago(2 * DAY), { status: "PENDING" });
    const answered = await inquiry(prisma, listing.id, 2, ago(4 * DAY), { status: "ACCEPTED", after: HOUR });
    const reminders = () =>
      prisma.notification.findMany({
        where: { userId: seller.id, topic: "INQUIRY_REMINDERS" },
        orderBy: { dedupeKey: "asc" },
      });
    const run = (at: Date) => remindPendingInquiries({ prisma: seeded.db.appPrisma }, at);

    // Other sellers' waiting inquiries (the seed's) are reminded too: count this seller's.
    const countAfter = async (days: number) => {
      await run(new Date(TEST_NOW.getTime() + days * DAY));
      return (await reminders()).length;
    };
    expect(await countAfter(0)).toBe(0);
    expect(await countAfter(1)).toBe(1); // waited 3 days
    expect(await countAfter(2)).toBe(1);
    expect(await countAfter(5)).toBe(2); // waited 7 days
    expect(await countAfter(9)).toBe(2);
    expect(await run(new Date(TEST_NOW.getTime() + 9 * DAY))).toEqual({ reminded: 0 }); // nothing left anywhere
    expect((await reminders()).map((reminder) => reminder.dedupeKey)).toEqual([
      `inquiry-reminder:${waiting.id}:3`,
      `inquiry-reminder:${waiting.id}:7`,
    ]);
    expect((await reminders()).some((reminder) => reminder.dedupeKey.includes(answered.id))).toBe(false);
    // Each was queued for e-mail at once (the topic's default).
    expect(
      await prisma.outboxMessage.count({
        where: { recipientUserId: seller.id, kind: "notification.INQUIRY_REMINDERS" },
      }),
    ).toBe(2);
  });

  it("sends only the 7-day reminder for an inquiry first seen overdue for both; batches end", async () => {
    const { seller, listing } = await sellerWithListing(prisma, "late");
    const late = await inquiry(prisma, listing.id, 1, ago(8 * DAY), { status: "PENDING" });
    const fresher = [
      await inquiry(prisma, listing.id, 2, ago(4 * DAY), { status: "PENDING" }),
      await inquiry(prisma, listing.id, 3, ago(5 * DAY), { status: "PENDING" }),
    ];
    // One per transaction: the loop goes on until a batch comes back short. (The seed's waiting
    // inquiries are reminded too, unless a test before this one has done it: at least these 3.)
    const first = await remindPendingInquiries({ prisma: seeded.db.appPrisma }, TEST_NOW, { batchSize: 1 });
    expect(first.reminded).toBeGreaterThanOrEqual(3);
    const keys = await prisma.notification.findMany({ where: { userId: seller.id }, select: { dedupeKey: true } });
    expect(keys.map((key) => key.dedupeKey).sort()).toEqual(
      [`inquiry-reminder:${late.id}:7`, ...fresher.map((one) => `inquiry-reminder:${one.id}:3`)].sort(),
    );
    const reminder = await prisma.notification.findFirstOrThrow({
      where: { dedupeKey: `inquiry-reminder:${late.id}:7` },
    });
    expect(reminder).toMatchObject({
      topic: "INQUIRY_REMINDERS",
      title: "A buyer has waited 7 days for your answer about Listing late",
      link: `/inquiries/${late.id}`,
    });
    expect(reminder.body).toContain(
      `waiting since ${ago(8 * DAY)
        .toISOString()
        .slice(0, 10)}`,
    );
    expect(await remindPendingInquiries({ prisma: seeded.db.appPrisma }, TEST_NOW, { batchSize: 1 })).toEqual({
      reminded: 0,
    });
  });
});
