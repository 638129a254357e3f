// The daily digest (functions/notifications/send-daily-digests.ts) as its readers get it: when it
// goes, what it says word for word, and that everyone due gets theirs however the work is batched.

import { describe, expect, it } from "vitest";
import { appConfigFrom } from "../../functions/config/app-config.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { notificationFooter } from "../../functions/notifications/notification-emails.ts";
import { notify } from "../../functions/notifications/notify.ts";
import { sendDailyDigests, ukDayAndHour } from "../../functions/notifications/send-daily-digests.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const config = appConfigFrom(loadEnvironment({ NODE_ENV: "test" }));
const digests = (now: Date, options: { batchSize?: number } = {}) =>
  sendDailyDigests({ prisma: seeded.db.appPrisma, config }, now, options);
const PEOPLE = [
  "owen.davies@gmail.example",
  "priya.sharma@careventures.co.uk",
  "alistair.grant@highlandhospitality.co.uk",
];

/** Only these notifications wait for a digest: `count` for each person, an hour apart before TEST_NOW. */
async function waiting(count: Record<string, number>) {
  await seeded.db.prisma.outboxMessage.deleteMany({ where: { kind: { not: "" } } });
  await seeded.db.prisma.notification.deleteMany({ where: { dedupeKey: { not: "" } } });
  for (const [email, n] of Object.entries(count)) {
    const user = await seeded.db.prisma.user.findFirstOrThrow({ where: { email } });
    await seeded.db.prisma.notification.createMany({
      data: Array.from({ length: n }, (_, index) => ({
        userId: user.id,
        topic: "NEW_MATCHES" as const,
        delivery: "DAILY_DIGEST" as const,
        dedupeKey: `digest-test:${index}`,
        title: `Listing ${index + 1} matches your profile`,
        body: "A listing matches.",
        link: `/businesses/${index + 1}`,
        createdAt: new Date(TEST_NOW.getTime() - (n - index) * 3_600_000),
      })),
    });
  }
}

const queued = (email: string) =>
  seeded.db.prisma.outboxMessage.findMany({ where: { recipientEmail: email }, orderBy: { createdAt: "asc" } });

describe("ukDayAndHour", () => {
  it("gives the UK calendar day and hour, in winter (GMT) and summer (BST)", () => {
    expect(ukDayAndHour(new Date("2026-12-01T23:30:00Z"))).toEqual({ day: "2026-12-01", hour: 23 });
    expect(ukDayAndHour(new Date("2026-07-01T23:30:00Z"))).toEqual({ day: "2026-07-02", hour: 0 });
    expect(ukDayAndHour(new Date("2026-07-01T06:00:00Z"))).toEqual({ day: "2026-07-01", hour: 7 });
  });
});

describe("sendDailyDigests", () => {
  it("goes from 07:00 UK time, not a minute before", async () => {
    await waiting({ [PEOPLE[0]!]: 1 });
    expect(await digests(new Date("2026-11-26T06:59:59Z"))).toEqual({ digests: 0, notifications: 0 });
    expect(await digests(new Date("2026-11-26T07:00:00Z"))).toEqual({ digests: 1, notifications: 1 });
  });

  it("says how many updates there are and lists each with its link, then the footer", async () => {
    await waiting({ [PEOPLE[0]!]: 1, [PEOPLE[1]!]: 2 });
    expect(await digests(TEST_NOW)).toEqual({ digests: 2, notifications: 3 });
    const [owen] = await queued(PEOPLE[0]!);
    const user = await seeded.db.prisma.user.findFirstOrThrow({ where: { email: PEOPLE[0]! } });
    expect(owen).toMatchObject({
      kind: "notification.DAILY_DIGEST",
      idempotencyKey: `digest:${user.id}:2026-11-25`,
      recipientUserId: user.id,
      subject: "Your ExitMatch daily digest: 1 update",
    });
    expect(owen!.body).toBe(
      [
        "Hello Owen Davies,",
        "",
        "Since your last digest (1 update):",
        "",
        "- Listing 1 matches your profile\n  http://localhost:5173/businesses/1",
        "",
        notificationFooter(config, user.id, "DAILY_DIGEST"),
      ].join("\n"),
    );
    const [priya] = await queued(PEOPLE[1]!);
    expect(priya!.subject).toBe("Your ExitMatch daily digest: 2 updates");
    expect(priya!.body).toContain("Since your last digest (2 updates):\n\n- Listing 1 matches your profile\n");
    const marked = await seeded.db.prisma.notification.count({ where: { emailedAt: TEST_NOW } });
    expect(marked).toBe(3);
  });

  it("lists the first 50 updates and links to the rest", async () => {
    await waiting({ [PEOPLE[0]!]: 52 });
    expect(await digests(TEST_NOW)).toEqual({ digests: 1, notifications: 52 });
    const [digest] = await queued(PEOPLE[0]!);
    expect(digest!.subject).toBe("Your ExitMatch daily digest: 52 updates");
    expect(digest!.body!.match(/^- /gm)).toHaveLength(50);
    expect(digest!.body).toContain("- Listing 50 matches your profile\n");
    expect(digest!.body).not.toContain("- Listing 51 ");
    expect(digest!.body).toContain("\n\n…and 2 more: http://localhost:5173/notifications\n\n--\n");
  });

  it("reaches everyone due however small its batches, once a day", async () => {
    await waiting({ [PEOPLE[0]!]: 1, [PEOPLE[1]!]: 2, [PEOPLE[2]!]: 3 });
    expect(await digests(TEST_NOW, { batchSize: 1 })).toEqual({ digests: 3, notifications: 6 });
    for (const email of PEOPLE) expect(await queued(email), email).toHaveLength(1);
    expect(await digests(new Date(TEST_NOW.getTime() + 3_600_000), { batchSize: 1 })).toEqual({
      digests: 0,
      notifications: 0,
    });
  });
});

describe("notify", () => {
  it("keeps a notification's own delivery: one asked for the digest waits for it, whatever its topic's default", async () => {
    await waiting({});
    const user = await seeded.db.prisma.user.findFirstOrThrow({ where: { email: PEOPLE[0]! } });
    const note = (dedupeKey: string, delivery?: "DAILY_DIGEST") => ({
      userId: user.id,
      topic: "INQUIRY_ANSWERED" as const,
      dedupeKey,
      title: "Your inquiry was accepted",
      body: "Sign the NDA.",
      link: "/inquiries/1",
      delivery,
    });
    const sent = await seeded.db.prisma.$transaction((tx) =>
      notify(tx, [note("at-once"), note("in-the-digest", "DAILY_DIGEST")], TEST_NOW),
    );
    expect(sent).toEqual({ notified: 2, emailed: 1 });
    const stored = await seeded.db.prisma.notification.findMany({
      where: { userId: user.id },
      select: { dedupeKey: true, delivery: true },
      orderBy: { dedupeKey: "asc" },
    });
    expect(stored).toEqual([
      { dedupeKey: "at-once", delivery: null },
      { dedupeKey: "in-the-digest", delivery: "DAILY_DIGEST" },
    ]);
    expect(await seeded.db.prisma.$transaction((tx) => notify(tx, [], TEST_NOW))).toEqual({ notified: 0, emailed: 0 });
  });
});
