import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, loginAs, problemOf } from "../support/api-client.ts";
import { TEST_LOGINS } from "../support/database-names.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("admin", () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>["app"];
  let admin: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    ({ app } = createTestApp(db.appPrisma));
    admin = await loginAs(app, ACTORS.admin);
  });
  afterAll(() => db.drop());

  it("searches users by email or name, filters and pages", async () => {
    const byName = (await (await call(app, "GET", "/admin/users?q=HUGHES", { token: admin })).json()) as {
      items: { email: string }[];
    };
    expect(byName.items.map((user) => user.email)).toEqual([ACTORS.ownerSeller]);
    const buyers = (await (await call(app, "GET", "/admin/users?role=BUYER&limit=5", { token: admin })).json()) as {
      items: { email: string }[];
    };
    expect(buyers.items).toHaveLength(5);
    const rest = (await (
      await call(app, "GET", `/admin/users?role=BUYER&after=${encodeURIComponent(buyers.items.at(-1)!.email)}`, {
        token: admin,
      })
    ).json()) as {
      items: { email: string }[];
    };
    expect(rest.items).toHaveLength(3);
    expect([...buyers.items, ...rest.items].map((user) => user.email)).toEqual(
      [...buyers.items, ...rest.items].map((user) => user.email).sort(),
    );
  });

  it("finds a user by phone number through the blind index, however the number is spaced, and shows it decrypted", async () => {
    // The seed holds David Hughes's number as "+44 161 496 0201"; the database holds only ciphertext.
    const stored = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.ownerSeller } });
    expect(stored.phone).toMatch(/^v1:dev:/);
    for (const spelling of ["0161 496 0201", "+441614960201", "+44 (0)161 496 0201"]) {
      const response = await call(app, "GET", `/admin/users?phone=${encodeURIComponent(spelling)}`, { token: admin });
      const found = (await response.json()) as { items: { email: string; phone: string }[] };
      expect(found.items, spelling).toEqual([
        expect.objectContaining({ email: ACTORS.ownerSeller, phone: "+44 161 496 0201" }),
      ]);
    }
    const none = await call(app, "GET", "/admin/users?phone=0161%20496%200299", { token: admin });
    expect(((await none.json()) as { items: unknown[] }).items).toEqual([]);
    const bad = await problemOf(await call(app, "GET", "/admin/users?phone=call-me", { token: admin }));
    expect([bad.status, bad.code]).toEqual([400, "validation_failed"]);
  });

  it("suspends a user at once (sessions revoked) and reinstates them; never an admin", async () => {
    const buyerToken = await loginAs(app, ACTORS.buyerWithoutNda);
    const buyer = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithoutNda } });
    const suspended = await call(app, "POST", `/admin/users/${buyer.id}/suspend`, {
      token: admin,
      body: { reason: "Fake proof of funds" },
    });
    expect(((await suspended.json()) as { status: string }).status).toBe("SUSPENDED");
    expect((await problemOf(await call(app, "GET", "/me", { token: buyerToken }))).code).toBe("account_suspended");
    expect(await db.prisma.session.count({ where: { userId: buyer.id, revokedAt: null } })).toBe(0);

    expect((await call(app, "POST", `/admin/users/${buyer.id}/reinstate`, { token: admin })).status).toBe(200);
    expect(await loginAs(app, ACTORS.buyerWithoutNda)).toMatch(/^ey/);

    const adminUser = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.admin } });
    expect(
      (
        await problemOf(
          await call(app, "POST", `/admin/users/${adminUser.id}/suspend`, {
            token: admin,
            body: { reason: "testing" },
          }),
        )
      ).code,
    ).toBe("conflict");
  });

  it("records identity verification and who did it", async () => {
    const seller = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.otherSeller } });
    const verified = (await (await call(app, "POST", `/admin/users/${seller.id}/verify`, { token: admin })).json()) as {
      verifiedAt: string | null;
    };
    expect(verified.verifiedAt).not.toBeNull();
    const adminUser = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.admin } });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: seller.id } })).verifiedById).toBe(adminUser.id);
  });

  it("takes a listing down with a reason the activity log keeps", async () => {
    const response = await call(app, "POST", `/admin/businesses/${BUSINESS.openPublished}/takedown`, {
      token: admin,
      body: { reason: "Turnover figures do not match filed accounts" },
    });
    expect(((await response.json()) as { status: string }).status).toBe("ARCHIVED");
    expect((await call(app, "GET", `/businesses/${BUSINESS.openPublished}`)).status).toBe(404);
    const log = (await (
      await call(app, "GET", "/admin/activity?action=admin.listing_taken_down", { token: admin })
    ).json()) as {
      items: { entityId: string; metadata: { reason: string; previousStatus: string } }[];
    };
    expect(log.items[0]).toMatchObject({
      entityId: BUSINESS.openPublished,
      metadata: { reason: "Turnover figures do not match filed accounts", previousStatus: "PUBLISHED" },
    });
    const again = await call(app, "POST", `/admin/businesses/${BUSINESS.openPublished}/takedown`, {
      token: admin,
      body: { reason: "twice over" },
    });
    expect((await problemOf(again)).code).toBe("invalid_transition");
  });

  it("reads the audit trail PostgreSQL recorded: the admin as actor, the request id, the change", async () => {
    const takedown = await call(app, "POST", `/admin/businesses/${BUSINESS.underOffer}/takedown`, {
      token: admin,
      body: { reason: "misleading figures" },
    });
    expect(takedown.status).toBe(200);
    const requestId = takedown.headers.get("x-request-id")!;
    const audit = (await (
      await call(app, "GET", `/admin/audit?tableName=businesses&rowId=${BUSINESS.underOffer}&requestId=${requestId}`, {
        token: admin,
      })
    ).json()) as {
      items: { action: string; changes: Record<string, unknown>; actorUserId: string; dbRole: string }[];
    };
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      action: "UPDATE",
      actorUserId: stableId("admin"),
      dbRole: TEST_LOGINS.app.name,
      changes: { status: { old: "UNDER_OFFER", new: "ARCHIVED" } },
    });
  });
});
