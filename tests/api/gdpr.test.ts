import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERSONAL_COLUMNS } from "../../functions/gdpr/personal-data.ts";
import { BUYERS, SELLERS } from "../../prisma/seed/seed-data.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, loginAs, problemOf } from "../support/api-client.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";
import { whereItAppears } from "../support/where-it-appears.ts";

const ROOM = stableId("inquiry-1:room");

describe("GDPR: right of access and right to be forgotten", () => {
  let db: TestDatabase;
  let harness: ReturnType<typeof createTestApp>;
  let admin: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    harness = createTestApp(db.appPrisma);
    admin = await loginAs(harness.app, ACTORS.admin);
  });
  afterAll(() => db.drop());

  it("exports everything about the caller as one JSON archive, and records the request", async () => {
    const token = await loginAs(harness.app, ACTORS.buyerWithNda);
    const response = await call(harness.app, "POST", "/me/data-export", { token });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="exitmatch-data-/);
    const archive = (await response.json()) as Record<string, unknown> & { user: { email: string; phone: string } };
    expect(archive.user.email).toBe(ACTORS.buyerWithNda);
    expect(archive.user).not.toHaveProperty("passwordHash");
    expect(archive.user).not.toHaveProperty("phoneBlindIndex");
    // Encrypted fields are exported in the clear, for the person they describe.
    expect(archive.user.phone).toBe(BUYERS.find((buyer) => buyer.email === ACTORS.buyerWithNda)!.phone);
    const acceptedIps = (archive.inquiries as { ndaAcceptedIp: string | null }[]).map((i) => i.ndaAcceptedIp);
    expect(acceptedIps).toContainEqual(expect.stringMatching(/^203\.0\.113\.\d+$/));
    for (const section of ["sessions", "buyerProfile", "inquiries", "dealRoomMemberships", "activity", "auditTrail"]) {
      expect(archive, section).toHaveProperty(section);
    }
    expect((archive.inquiries as unknown[]).length).toBeGreaterThan(0);
    expect((archive.sessions as unknown[]).length).toBeGreaterThan(0);
    const logged = await db.prisma.activityLog.count({ where: { action: "gdpr.export_requested" } });
    expect(logged).toBe(1);
  });

  it("lets admins export anyone, and nobody else", async () => {
    const seller = stableId("seller-1");
    expect((await call(harness.app, "GET", `/admin/users/${seller}/data-export`, { token: admin })).status).toBe(200);
    const buyer = await loginAs(harness.app, ACTORS.buyerWithoutNda);
    expect(
      (await problemOf(await call(harness.app, "GET", `/admin/users/${seller}/data-export`, { token: buyer }))).status,
    ).toBe(403);
    expect(
      (
        await problemOf(
          await call(harness.app, "GET", `/admin/users/${stableId("nobody")}/data-export`, { token: admin }),
        )
      ).status,
    ).toBe(404);
  });

  it("erases a seller completely: no email, name or phone anywhere; files gone; held records kept and named", async () => {
    const seller = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.ownerSeller } });
    const sellerToken = await loginAs(harness.app, ACTORS.ownerSeller);
    const form = new FormData();
    form.set(
      "file",
      new File(["%PDF-1.7\nDavid's accounts"], "david-hughes-accounts.pdf", { type: "application/pdf" }),
    );
    const uploaded = await harness.app.request(`/deal-rooms/${ROOM}/documents`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${sellerToken}` },
    });
    expect(uploaded.status).toBe(201);
    const document = await db.prisma.document.findFirstOrThrow({ where: { uploadedById: seller.id } });
    expect(await harness.storage.get(document.storageKey)).toBeDefined();
    // Failed logins name the account by email.
    await call(harness.app, "POST", "/auth/login", { body: { email: seller.email, password: "not-the-password" } });
    // Messages to them: one sent, one still waiting in the outbox.
    await call(harness.app, "POST", "/auth/password-reset", { body: { email: seller.email } });
    await harness.deliverMail();
    await call(harness.app, "POST", "/auth/password-reset", { body: { email: seller.email } });
    expect(await db.prisma.outboxMessage.count({ where: { recipientEmail: seller.email } })).toBe(2);
    expect(await whereItAppears(db, seller.email)).not.toEqual([]);

    const response = await call(harness.app, "POST", `/admin/users/${seller.id}/erasure`, { token: admin });
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      filesRemoved: number;
      kept: { table: string; reason: string }[];
      deleted: { table: string }[];
    };
    expect(report.filesRemoved).toBe(1);
    expect(report.kept.map((entry) => entry.table)).toEqual(
      expect.arrayContaining(["business_financials", "audit_logs"]),
    );
    expect(report.kept.every((entry) => entry.reason.length > 10)).toBe(true);
    expect(report.deleted.map((entry) => entry.table)).toEqual(expect.arrayContaining(["sessions", "outbox_messages"]));
    // The message still waiting never goes out.
    expect((await harness.deliverMail()).filter((sent) => sent.to === seller.email)).toHaveLength(1);

    // Every column the personal-data catalogue lists for the account itself was cleared or replaced.
    const [after] = await db.query<Record<string, unknown>>("SELECT * FROM users WHERE id = $1", [seller.id]);
    const camel = (column: string) => column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    for (const name of Object.keys(PERSONAL_COLUMNS).filter((column) => column.startsWith("users."))) {
      const column = name.slice("users.".length);
      const was = (seller as Record<string, unknown>)[camel(column)];
      if (was !== null && was !== undefined) expect(after![column], name).not.toEqual(was);
    }
    expect(await whereItAppears(db, seller.email)).toEqual([]);
    expect(await whereItAppears(db, seller.name)).toEqual([]);
    // The phone is held encrypted with a blind index: neither, nor the number itself, is left.
    expect(await whereItAppears(db, seller.phone!)).toEqual([]);
    expect(await whereItAppears(db, seller.phoneBlindIndex!)).toEqual([]);
    expect(await whereItAppears(db, SELLERS[0]!.phone)).toEqual([]);
    expect(await harness.storage.get(document.storageKey)).toBeUndefined();
    // Held records are still there, pointing at the pseudonymous account.
    expect(await db.prisma.businessFinancial.count({ where: { business: { sellerId: seller.id } } })).toBeGreaterThan(
      0,
    );
    // Their tokens no longer work, and the erasure is in both logs.
    expect((await problemOf(await call(harness.app, "GET", "/me", { token: sellerToken }))).status).toBe(401);
    expect(
      await db.prisma.activityLog.count({ where: { action: "gdpr.erasure_performed", entityId: seller.id } }),
    ).toBe(1);
    const audit = await db.prisma.auditLog.findFirst({
      where: { tableName: "users", rowId: seller.id, action: "UPDATE", actorUserId: stableId("admin") },
    });
    expect(audit?.changedColumns).toEqual(expect.arrayContaining(["email", "name", "anonymized_at"]));

    // Idempotent: a second erasure changes nothing more.
    const again = (await (
      await call(harness.app, "POST", `/admin/users/${seller.id}/erasure`, { token: admin })
    ).json()) as {
      filesRemoved: number;
    };
    expect(again.filesRemoved).toBe(0);
  });

  it("lets a person ask to be forgotten: signed out at once, erasure scheduled within 30 days", async () => {
    const user = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.advisorOffDeal } });
    const token = await loginAs(harness.app, ACTORS.advisorOffDeal);
    const wrong = await call(harness.app, "POST", "/me/erasure", { token, body: { confirm: "yes" } });
    expect((await problemOf(wrong)).status).toBe(400);
    const response = await call(harness.app, "POST", "/me/erasure", { token, body: { confirm: "erase my account" } });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { requestedAt: string; erasureDueBy: string; legalHolds: unknown[] };
    expect(new Date(body.erasureDueBy).getTime() - new Date(body.requestedAt).getTime()).toBe(30 * 24 * 60 * 60 * 1000);
    expect(body.legalHolds.length).toBeGreaterThan(0);
    expect((await problemOf(await call(harness.app, "GET", "/me", { token }))).status).toBe(401);
    expect(await db.prisma.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await db.prisma.activityLog.count({ where: { action: "gdpr.erasure_requested", userId: user.id } })).toBe(1);
  });

  it("refuses erasure to non-admins and of admins", async () => {
    const buyer = await loginAs(harness.app, ACTORS.buyerWithoutNda);
    const target = stableId("seller-2");
    expect(
      (await problemOf(await call(harness.app, "POST", `/admin/users/${target}/erasure`, { token: buyer }))).status,
    ).toBe(403);
    expect(
      (await problemOf(await call(harness.app, "POST", `/admin/users/${stableId("admin")}/erasure`, { token: admin })))
        .status,
    ).toBe(403);
  });
});
