// Notifications as people live them, through the API: each event tells the right people once,
// e-mailed at once with one-click unsubscribe headers or gathered in the daily digest, as each
// person prefers; an unsubscribe is honoured even for what is already queued.

import { describe, expect, it } from "vitest";
import { appConfigFrom } from "../../functions/config/app-config.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { CURRENT_NDA_VERSION } from "../../functions/domain/inquiry-status.ts";
import { notify } from "../../functions/notifications/notify.ts";
import { sendDailyDigests } from "../../functions/notifications/send-daily-digests.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, editListing, loginAs, problemOf, signUp } from "../support/api-client.ts";
import { NEW_LISTING } from "../support/listing-body.ts";
import { BUSINESS } from "../support/seed-actors.ts";
import { useSeededApp } from "../support/seeded-app.ts";
import { TEST_NOW } from "../support/test-clock.ts";

const seeded = useSeededApp();
const ROOM = stableId("inquiry-1:room"); // business-1: owner seller, NDA buyer, advisor on the deal

interface NotificationItem {
  id: string;
  topic: string;
  title: string;
  link: string;
  readAt: string | null;
  emailedAt: string | null;
}
interface Page {
  items: NotificationItem[];
  nextCursor: string | null;
  unread: number;
}
const notificationsOf = async (token: string, query = "") =>
  (await (await call(seeded.app, "GET", `/me/notifications${query}`, { token })).json()) as Page;
/** The caller's notifications that match `expected` (the tests' clock is stopped, so "newest" ties). */
const matching = async (token: string, expected: Partial<NotificationItem> & { title?: unknown }) =>
  (await notificationsOf(token, "?limit=100")).items.filter((item) =>
    Object.entries(expected).every(([key, value]) =>
      typeof value === "string"
        ? item[key as keyof NotificationItem] === value
        : expect.objectContaining({ [key]: value }).asymmetricMatch(item),
    ),
  );
const mailTo = async (email: string) => (await seeded.deliverMail()).filter((sent) => sent.to === email);

describe("notifications", () => {
  it("tells the seller and advisor of an inquiry, the buyer of the answer, the seller of the NDA, each once", async () => {
    const buyer = await signUp(seeded.app, seeded.deliverMail, {
      email: "omar.reid@reidacquisitions.co.uk",
      password: "acquisitions-in-the-north",
      name: "Omar Reid",
      role: "BUYER",
    });
    const seller = seeded.token("ownerSeller");
    const advisor = seeded.token("advisorOnDeal");
    const sellerBefore = (await notificationsOf(seller)).items.length;

    const sent = await call(seeded.app, "POST", `/businesses/${BUSINESS.confidentialPublished}/inquiries`, {
      token: buyer,
      body: { message: "We run two IT support firms in Leeds and would like to learn more." },
    });
    expect(sent.status).toBe(201);
    const inquiry = (await sent.json()) as { id: string };

    // The seller and the advisor are told; the buyer who asked is not.
    const sellerPage = await notificationsOf(seller);
    expect(sellerPage.items).toHaveLength(sellerBefore + 1);
    expect(await matching(seller, { topic: "INQUIRY_RECEIVED", link: `/inquiries/${inquiry.id}` })).toHaveLength(1);
    expect(await matching(advisor, { topic: "INQUIRY_RECEIVED", link: `/inquiries/${inquiry.id}` })).toHaveLength(1);
    expect((await notificationsOf(buyer)).items).toEqual([]);

    // E-mailed once each, after commit, with RFC 8058 one-click unsubscribe headers.
    const toSeller = (await mailTo("david.hughes@northpoint-it.co.uk")).filter((mail) =>
      mail.subject.startsWith("New inquiry"),
    );
    expect(toSeller).toHaveLength(1);
    expect(toSeller[0]!.text).toContain(`/inquiries/${inquiry.id}`);
    expect(toSeller[0]!.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(toSeller[0]!.headers?.["List-Unsubscribe"]).toMatch(
      /^<http:\/\/localhost:3000\/notifications\/unsubscribe\?token=[^>]+>$/,
    );
    expect((await seeded.deliverMail()).filter((mail) => mail.subject.startsWith("New inquiry"))).toHaveLength(2);

    expect((await call(seeded.app, "POST", `/inquiries/${inquiry.id}/accept`, { token: seller })).status).toBe(200);
    expect((await notificationsOf(buyer)).items.map((item) => [item.topic, item.title])).toEqual([
      ["INQUIRY_ANSWERED", `Your inquiry about ${await titleOf(BUSINESS.confidentialPublished, buyer)} was accepted`],
    ]);
    const nda = await call(seeded.app, "POST", `/inquiries/${inquiry.id}/nda`, {
      token: buyer,
      body: { ndaVersion: CURRENT_NDA_VERSION },
    });
    expect(nda.status).toBe(200);
    expect(await matching(seller, { topic: "NDA_ACCEPTED" })).toHaveLength(1);
    // Each was e-mailed (at once, the topics' default) and marked so, which keeps it out of a digest.
    await seeded.deliverMail();
    const emailed = [
      ...(await matching(seller, { topic: "INQUIRY_RECEIVED", link: `/inquiries/${inquiry.id}` })),
      ...(await matching(seller, { topic: "NDA_ACCEPTED" })),
      ...(await matching(buyer, { topic: "INQUIRY_ANSWERED", link: `/inquiries/${inquiry.id}` })),
    ];
    expect(emailed).toHaveLength(3);
    for (const notification of emailed) expect(notification.emailedAt, notification.topic).not.toBeNull();
  });

  it("tells the other side of a deal room about questions, answers and documents", async () => {
    const buyer = seeded.token("buyerWithNda");
    const seller = seeded.token("ownerSeller");
    const advisor = seeded.token("advisorOnDeal");
    const asked = await call(seeded.app, "POST", `/deal-rooms/${ROOM}/questions`, {
      token: buyer,
      body: { body: "How many staff are on fixed-term contracts?" },
    });
    const question = (await asked.json()) as { id: string };
    for (const token of [seller, advisor]) {
      expect(
        await matching(token, { topic: "DEAL_ROOM_QA", link: `/deal-rooms/${ROOM}/questions/${question.id}` }),
      ).toHaveLength(1);
    }
    expect((await notificationsOf(buyer)).items.some((item) => item.link.endsWith(question.id))).toBe(false);

    await call(seeded.app, "POST", `/deal-rooms/${ROOM}/questions/${question.id}/answer`, {
      token: advisor,
      body: { answer: "Two of fourteen." },
    });
    expect(
      await matching(buyer, { topic: "DEAL_ROOM_QA", title: expect.stringContaining("was answered") }),
    ).toHaveLength(1);

    const form = new FormData();
    form.set("file", new File(["%PDF-1.7\nstaff list"], "staff-2026.pdf", { type: "application/pdf" }));
    const uploaded = await seeded.app.request(`/deal-rooms/${ROOM}/documents`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${seller}` },
    });
    expect(uploaded.status).toBe(201);
    const aboutTheFile = { topic: "DEAL_ROOM_DOCUMENTS", title: expect.stringContaining("staff-2026.pdf") };
    for (const token of [buyer, advisor]) expect(await matching(token, aboutTheFile)).toHaveLength(1);
    expect(await matching(seller, aboutTheFile)).toEqual([]); // not to the one who uploaded it
  });

  it("keeps preferences per topic; off means no e-mail, the notification is still listed", async () => {
    const seller = seeded.token("otherSeller");
    const defaults = (await (
      await call(seeded.app, "GET", "/me/notification-preferences", { token: seller })
    ).json()) as {
      items: { topic: string; delivery: string; isDefault: boolean; minMatchScore?: number }[];
      accountSecurity: string;
    };
    expect(defaults.accountSecurity).toBe("IMMEDIATE");
    expect(defaults.items.find((item) => item.topic === "NEW_MATCHES")).toMatchObject({
      delivery: "DAILY_DIGEST",
      isDefault: true,
      minMatchScore: 80,
    });
    expect(defaults.items.find((item) => item.topic === "INQUIRY_RECEIVED")).toMatchObject({ delivery: "IMMEDIATE" });

    const off = await call(seeded.app, "PUT", "/me/notification-preferences", {
      token: seller,
      body: { INQUIRY_RECEIVED: { delivery: "OFF" } },
    });
    expect(off.status).toBe(200);
    const updated = (await off.json()) as typeof defaults;
    expect(updated.items.find((item) => item.topic === "INQUIRY_RECEIVED")).toMatchObject({
      delivery: "OFF",
      isDefault: false,
    });
    expect(updated.items.find((item) => item.topic === "DEAL_ROOM_QA")).toMatchObject({ isDefault: true });

    for (const body of [
      { ACCOUNT_SECURITY: { delivery: "OFF" } },
      { INQUIRY_RECEIVED: { delivery: "OFF", minMatchScore: 90 } },
      { NEW_MATCHES: { delivery: "IMMEDIATE", minMatchScore: 101 } },
      { SOMETHING_ELSE: { delivery: "OFF" } },
      { INQUIRY_RECEIVED: { delivery: "SOMETIMES" } },
    ]) {
      const refused = await call(seeded.app, "PUT", "/me/notification-preferences", { token: seller, body });
      expect(refused.status).toBe(400);
      expect((await problemOf(refused)).code).toBe("validation_failed");
    }
    const account = await problemOf(
      await call(seeded.app, "PUT", "/me/notification-preferences", {
        token: seller,
        body: { ACCOUNT_SECURITY: { delivery: "OFF" } },
      }),
    );
    expect(JSON.stringify(account)).toContain("cannot be turned off");
    expect((await call(seeded.app, "GET", "/me/notification-preferences")).status).toBe(401);
  });

  it("unsubscribes in one click, at once, even from an e-mail already queued", async () => {
    const buyer = await signUp(seeded.app, seeded.deliverMail, {
      email: "priya.shah@shahholdings.co.uk",
      password: "bakeries-across-the-midlands",
      name: "Priya Shah",
      role: "BUYER",
    });
    // Business-2's seller wants inquiries at once (whatever an earlier test chose).
    const sellerOf2 = await sellerEmailOf(BUSINESS.openPublished);
    const sellerToken = await loginAs(seeded.app, sellerOf2);
    await call(seeded.app, "PUT", "/me/notification-preferences", {
      token: sellerToken,
      body: { INQUIRY_RECEIVED: { delivery: "IMMEDIATE" } },
    });
    const first = await call(seeded.app, "POST", `/businesses/${BUSINESS.openPublished}/inquiries`, {
      token: buyer,
      body: { message: "Is the bakery's lease assignable?" },
    });
    expect(first.status).toBe(201);
    const mails = (await mailTo(sellerOf2)).filter((mail) => mail.subject.startsWith("New inquiry"));
    const header = mails.at(-1)?.headers?.["List-Unsubscribe"] ?? "";
    const url = new URL(/^<(.+)>$/.exec(header)![1]!);

    // Another notification is queued, then the seller unsubscribes before the dispatcher runs.
    const other = await signUp(seeded.app, seeded.deliverMail, {
      email: "li.wei@weicapital.co.uk",
      password: "bakeries-across-the-north",
      name: "Li Wei",
      role: "BUYER",
    });
    // signUp delivered the outbox; queue the next inquiry and unsubscribe before delivering it.
    const queuedBefore = (await mailTo(sellerOf2)).length;
    await call(seeded.app, "POST", `/businesses/${BUSINESS.openPublished}/inquiries`, {
      token: other,
      body: { message: "Are the ovens owned or leased?" },
    });
    const oneClick = await seeded.app.request(`${url.pathname}${url.search}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.json()).toEqual({ scope: "INQUIRY_RECEIVED", topicsTurnedOff: ["INQUIRY_RECEIVED"] });
    expect((await mailTo(sellerOf2)).length).toBe(queuedBefore); // the queued one was cancelled
    expect(await matching(sellerToken, { topic: "INQUIRY_RECEIVED" })).toHaveLength(2); // both still listed
    expect(
      await seeded.db.prisma.outboxMessage.count({
        where: { kind: "notification.INQUIRY_RECEIVED", status: "CANCELLED" },
      }),
    ).toBe(1);
    // Still listed in the app; doing it twice is harmless; a forged token is refused.
    expect((await seeded.app.request(`${url.pathname}${url.search}`, { method: "POST" })).status).toBe(200);
    const forged = url.search.replace("INQUIRY_RECEIVED", "DEAL_ROOM_QA");
    const refused = await seeded.app.request(`${url.pathname}${forged}`, { method: "POST" });
    expect(refused.status).toBe(401);
    expect((await problemOf(refused)).code).toBe("token_invalid");
  });

  it("lists notifications a page at a time, only the caller's, and marks them read", async () => {
    // Five of its own, one per second, so "newest first" is one order; and one for someone else.
    const seller = await signUp(seeded.app, seeded.deliverMail, {
      email: "rhys.evans@evansbakeries.co.uk",
      password: "bakeries-of-the-valleys",
      name: "Rhys Evans",
      role: "SELLER",
    });
    const people = await seeded.db.prisma.user.findMany({
      where: { email: { in: ["rhys.evans@evansbakeries.co.uk", "james.turner@turnerassociates.co.uk"] } },
    });
    const rhys = people.find((person) => person.email.startsWith("rhys"))!;
    const other = people.find((person) => person.email.startsWith("james"))!;
    for (let n = 0; n < 5; n += 1) {
      const at = new Date(TEST_NOW.getTime() + n * 1000);
      await seeded.db.appPrisma.$transaction((tx) =>
        notify(
          tx,
          [
            {
              userId: rhys.id,
              topic: "DEAL_ROOM_QA",
              dedupeKey: `page:${n}`,
              title: `Item ${n}`,
              body: "-",
              link: "/",
            },
            {
              userId: other.id,
              topic: "DEAL_ROOM_QA",
              dedupeKey: `page:${n}`,
              title: `Item ${n}`,
              body: "-",
              link: "/",
            },
          ],
          at,
        ),
      );
    }
    const all = await notificationsOf(seller, "?limit=100");
    expect(all.items.map((item) => item.title)).toEqual(["Item 4", "Item 3", "Item 2", "Item 1", "Item 0"]);
    const first = await notificationsOf(seller, "?limit=2");
    const second = await notificationsOf(seller, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(
      all.items.slice(0, 4).map((item) => item.id),
    );
    expect(first.unread).toBe(all.items.filter((item) => !item.readAt).length);

    // Someone else's id is ignored, never an error.
    const othersId = (await seeded.db.prisma.notification.findFirstOrThrow({ where: { userId: other.id } })).id;
    const marked = await call(seeded.app, "POST", "/me/notifications/read", {
      token: seller,
      body: { ids: [first.items[0]!.id, othersId] },
    });
    expect(await marked.json()).toEqual({ marked: 1 });
    expect((await seeded.db.prisma.notification.findUniqueOrThrow({ where: { id: othersId } })).readAt).toBeNull();
    expect((await notificationsOf(seller, "?unread=true")).items.map((item) => item.id)).not.toContain(
      first.items[0]!.id,
    );
    const bad = await call(seeded.app, "GET", "/me/notifications?cursor=bm90LWEtY3Vyc29y", { token: seller });
    expect(bad.status).toBe(400);
    expect((await call(seeded.app, "GET", "/me/notifications")).status).toBe(401);
  });

  it("tells a buyer of a newly published listing that matches well, in the next daily digest, once", async () => {
    const buyer = await signUp(seeded.app, seeded.deliverMail, {
      email: "grace.obi@obigardens.co.uk",
      password: "garden-centres-of-the-south",
      name: "Grace Obi",
      role: "BUYER",
    });
    await call(seeded.app, "PUT", "/me/buyer-profile", {
      token: buyer,
      body: {
        headline: "Garden centres in the South East",
        sicCodes: ["4776"],
        regions: ["SOUTH_EAST"],
        maxPricePence: 100_000_000,
      },
    });
    await seeded.handleEvents();
    expect((await notificationsOf(buyer)).items).toEqual([]); // saving a profile notifies nobody

    const seller = seeded.token("otherSeller");
    const listing = (await (
      await call(seeded.app, "POST", "/businesses", { token: seller, body: NEW_LISTING })
    ).json()) as {
      id: string;
    };
    await call(seeded.app, "POST", `/businesses/${listing.id}/status`, {
      token: seller,
      body: { status: "PUBLISHED" },
    });
    await seeded.handleEvents();
    const page = await notificationsOf(buyer);
    expect(page.items.map((item) => [item.topic, item.link, item.emailedAt])).toEqual([
      ["NEW_MATCHES", `/businesses/${listing.id}`, null],
    ]);
    expect(page.items[0]!.title).toContain("93/100");
    expect(await mailTo("grace.obi@obigardens.co.uk")).toHaveLength(1); // only the sign-up confirmation

    // Edited (a new event): still one notification for this listing.
    await editListing(seeded.app, listing.id, seller, { askingPricePence: 94_000_000 });
    await seeded.handleEvents();
    expect((await notificationsOf(buyer)).items).toHaveLength(1);

    // The digest: nothing before 07:00 UK time, one e-mail from then, and only one that day.
    const digests = { prisma: seeded.db.appPrisma, config: appConfigFrom(loadEnvironment({ NODE_ENV: "test" })) };
    expect(await sendDailyDigests(digests, new Date("2026-11-26T06:59:00Z"))).toEqual({ digests: 0, notifications: 0 });
    const sent = await sendDailyDigests(digests, TEST_NOW); // 12:00 UK time
    expect(sent.digests).toBeGreaterThanOrEqual(1);
    expect(await sendDailyDigests(digests, new Date("2026-11-25T18:00:00Z"))).toEqual({ digests: 0, notifications: 0 });
    const [digest, ...more] = (await mailTo("grace.obi@obigardens.co.uk")).filter((mail) =>
      mail.subject.includes("digest"),
    );
    expect(more).toEqual([]);
    expect(digest!.subject).toBe("Your ExitMatch daily digest: 1 update");
    expect(digest!.text).toContain(`http://localhost:5173/businesses/${listing.id}`);
    expect(digest!.headers?.["List-Unsubscribe"]).toContain(".DAILY_DIGEST.");
    expect((await notificationsOf(buyer)).items[0]!.emailedAt).not.toBeNull();

    // Its one-click unsubscribe turns off every topic the buyer got in the digest.
    const url = new URL(/^<(.+)>$/.exec(digest!.headers!["List-Unsubscribe"]!)![1]!);
    const stopped = await seeded.app.request(`${url.pathname}${url.search}`, { method: "POST" });
    expect(await stopped.json()).toEqual({ scope: "DAILY_DIGEST", topicsTurnedOff: ["NEW_MATCHES"] });
    const preferences = (await (
      await call(seeded.app, "GET", "/me/notification-preferences", { token: buyer })
    ).json()) as {
      items: { topic: string; delivery: string }[];
    };
    expect(preferences.items.find((item) => item.topic === "NEW_MATCHES")?.delivery).toBe("OFF");
  });
});

async function titleOf(businessId: string, token: string) {
  const listing = (await (await call(seeded.app, "GET", `/businesses/${businessId}`, { token })).json()) as {
    title: string;
  };
  return listing.title;
}

async function sellerEmailOf(businessId: string) {
  const business = await seeded.db.prisma.business.findUniqueOrThrow({
    where: { id: businessId },
    include: { seller: { select: { email: true } } },
  });
  return business.seller.email;
}
