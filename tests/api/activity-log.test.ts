import { beforeAll, describe, expect, it, vi } from "vitest";
import { DOCUMENT_ACCESSES_PER_WINDOW, SecurityFlag } from "../../functions/activity/security-flags.ts";
import { DEVELOPMENT_PASSWORD } from "../../prisma/seed/seed-data.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, loginAs, problemOf } from "../support/api-client.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { type SeededApp, useSeededApp } from "../support/seeded-app.ts";

const ROOM = stableId("inquiry-1:room");

interface ActivityItem {
  userId: string | null;
  action: string;
  entityId: string | null;
  securityFlag: string | null;
}

describe("activity log and security flags", () => {
  const seeded = useSeededApp();
  let app: SeededApp["app"];
  let token: SeededApp["token"];

  beforeAll(() => {
    ({ app, token } = seeded);
  });

  const activity = async (query: string) =>
    (
      (await (await call(app, "GET", `/admin/activity?${query}`, { token: token("admin") })).json()) as {
        items: ActivityItem[];
      }
    ).items;

  it("records login, logout, listing views and searches by signed-in people", async () => {
    const { id: buyer } = await seeded.db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithoutNda } });
    const login = await call(app, "POST", "/auth/login", {
      body: { email: ACTORS.buyerWithoutNda, password: DEVELOPMENT_PASSWORD },
    });
    expect(login.status).toBe(200);
    const { accessToken, refreshToken } = (await login.json()) as { accessToken: string; refreshToken: string };
    expect((await call(app, "GET", `/businesses/${BUSINESS.openPublished}`, { token: accessToken })).status).toBe(200);
    expect((await call(app, "GET", "/businesses?region=LONDON", { token: accessToken })).status).toBe(200);
    // Anonymous browsing is counted, not recorded against anyone.
    expect((await call(app, "GET", "/businesses?region=WALES")).status).toBe(200);
    expect((await call(app, "POST", "/auth/logout", { body: { refreshToken } })).status).toBe(204);

    const mine = await activity(`userId=${buyer}`);
    expect(mine.map((item) => item.action)).toEqual(
      expect.arrayContaining(["auth.login", "listing.viewed", "listing.searched", "auth.logout"]),
    );
    expect(mine.find((item) => item.action === "listing.viewed")?.entityId).toBe(BUSINESS.openPublished);
    const searches = await activity("action=listing.searched");
    expect(searches.every((item) => item.userId !== null)).toBe(true);
  });

  it("flags the failed login that reaches the account's limit, and lists only flagged events", async () => {
    const email = ACTORS.advisorOffDeal;
    // Each flag is also one JSON line on stderr, which infra/alarms.ts counts (no e-mail in it).
    const lines: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const response = await call(app, "POST", "/auth/login", { body: { email, password: `wrong-${attempt}` } });
        expect(response.status).toBe(401);
      }
    } finally {
      stderr.mockRestore();
    }
    const flagLines = lines.filter((line) => line.includes('"security_flag"')).map((line) => JSON.parse(line));
    expect(flagLines).toEqual([
      expect.objectContaining({
        event: "security_flag",
        flag: SecurityFlag.failedLoginBurstAccount,
        action: "auth.login_failed",
      }),
    ]);
    expect(lines.join("")).not.toContain(email);
    const failures = await activity(`action=auth.login_failed&entityId=${encodeURIComponent(email)}`);
    expect(failures.map((item) => item.securityFlag)).toEqual([
      SecurityFlag.failedLoginBurstAccount,
      null,
      null,
      null,
      null,
    ]);
    const flagged = await activity("flagged=true");
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((item) => item.securityFlag !== null)).toBe(true);
    expect(
      (await problemOf(await call(app, "GET", "/admin/activity?flagged=true", { token: token("ownerSeller") }))).status,
    ).toBe(403);
  });

  it("flags a user who views an unusual number of deal-room documents in a short time", async () => {
    const form = new FormData();
    form.set("file", new File(["%PDF-1.7\nheads of terms"], "heads-of-terms.pdf", { type: "application/pdf" }));
    const uploaded = await app.request(`/deal-rooms/${ROOM}/documents`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token("ownerSeller")}` },
    });
    const { id } = (await uploaded.json()) as { id: string };
    const buyer = stableId("buyer-1");
    for (let view = 1; view <= DOCUMENT_ACCESSES_PER_WINDOW; view += 1) {
      expect(
        (await call(app, "GET", `/deal-rooms/${ROOM}/documents/${id}`, { token: token("buyerWithNda") })).status,
      ).toBe(200);
    }
    const views = await activity(`userId=${buyer}&action=document.viewed`);
    expect(views).toHaveLength(DOCUMENT_ACCESSES_PER_WINDOW);
    expect(views[0]!.securityFlag).toBe(SecurityFlag.documentAccessBurst);
    expect(views.slice(1).every((item) => item.securityFlag === null)).toBe(true);
  });

  it("flags access with a suspended account: its tokens and its password", async () => {
    const user = stableId("buyer-3");
    const { email } = await seeded.db.prisma.user.findUniqueOrThrow({ where: { id: user } });
    const userToken = await loginAs(app, email);
    expect(
      (
        await call(app, "POST", `/admin/users/${user}/suspend`, {
          token: token("admin"),
          body: { reason: "chargeback fraud" },
        })
      ).status,
    ).toBe(200);
    expect((await problemOf(await call(app, "GET", "/me", { token: userToken }))).code).toBe("account_suspended");
    const login = await call(app, "POST", "/auth/login", { body: { email, password: DEVELOPMENT_PASSWORD } });
    expect((await problemOf(login)).code).toBe("account_suspended");
    const events = await activity(`userId=${user}&action=auth.suspended_access`);
    expect(events).toHaveLength(2);
    expect(events.every((item) => item.securityFlag === SecurityFlag.suspendedAccountAccess)).toBe(true);
  });
});
