import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appConfigFrom } from "../../functions/config/app-config.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { call, loginAs, problemOf } from "../support/api-client.ts";
import { seedTestData } from "../support/seed.ts";
import { createTestApp } from "../support/test-app.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const jwtSecret = appConfigFrom(loadEnvironment({ NODE_ENV: "test" })).jwtSecret;

describe("authentication", () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>["app"];
  let mailer: ReturnType<typeof createTestApp>["mailer"];
  let deliverMail: ReturnType<typeof createTestApp>["deliverMail"];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    ({ app, mailer, deliverMail } = createTestApp(db.appPrisma));
  });
  afterAll(() => db.drop());

  const register = (body: Record<string, unknown>) => call(app, "POST", "/auth/register", { body });
  const newAccount = {
    email: "New.Buyer@Example.co.uk",
    password: "a-long-enough-password",
    name: "New Buyer",
    role: "BUYER",
  };

  describe("register", () => {
    it("creates the account, unusable until the emailed link confirms the address", async () => {
      const response = await register(newAccount);
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ message: "Check your email to continue." });
      const [email] = (await deliverMail()).filter((sent) => sent.to === "new.buyer@example.co.uk");
      expect(email).toMatchObject({ subject: "Confirm your ExitMatch email address" });
      const stored = await db.prisma.user.findFirstOrThrow({ where: { email: "new.buyer@example.co.uk" } });
      expect(stored).toMatchObject({ role: "BUYER", name: "New Buyer", emailVerifiedAt: null });
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

      const credentials = { email: "new.buyer@example.co.uk", password: newAccount.password };
      const early = await problemOf(await call(app, "POST", "/auth/login", { body: credentials }));
      expect([early.status, early.code]).toEqual([401, "invalid_credentials"]);
      const token = /token=([A-Za-z0-9_-]+)/.exec(email!.text)![1]!;
      expect((await call(app, "POST", "/auth/verify-email", { body: { token } })).status).toBe(204);
      const login = await call(app, "POST", "/auth/login", { body: credentials });
      const me = await call(app, "GET", "/me", {
        token: ((await login.json()) as { accessToken: string }).accessToken,
      });
      expect(await me.json()).toMatchObject({ email: "new.buyer@example.co.uk", emailVerified: true });
    });

    it("answers a taken address (in any case) exactly as a new one, and tells its owner instead", async () => {
      const before = await db.prisma.user.findFirstOrThrow({ where: { email: "new.buyer@example.co.uk" } });
      const response = await register({
        ...newAccount,
        email: "NEW.BUYER@example.co.uk",
        password: "another-password-1",
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ message: "Check your email to continue." });
      const sent = (await deliverMail()).filter((email) => email.to === "new.buyer@example.co.uk");
      expect(sent.at(-1)).toMatchObject({
        subject: "Someone tried to create an ExitMatch account with your email address",
      });
      const after = await db.prisma.user.findMany({ where: { email: "new.buyer@example.co.uk" } });
      expect(after).toHaveLength(1);
      expect(after[0]!.passwordHash).toBe(before.passwordHash);
    });

    it.each([
      [{ password: "short" }, "password"],
      [{ email: "not-an-email" }, "email"],
      [{ role: "ADMIN" }, "role"],
      [{ name: "" }, "name"],
    ])("rejects %j naming the field", async (override, field) => {
      const problem = await problemOf(await register({ ...newAccount, email: "other@example.co.uk", ...override }));
      expect(problem.code).toBe("validation_failed");
      expect(problem.errors?.map((error) => error.field)).toContain(field);
    });

    it("rejects malformed JSON and a wrong content type as client errors", async () => {
      const malformed = await call(app, "POST", "/auth/register", {
        body: "{not json",
        headers: { "content-type": "application/json" },
      });
      expect(malformed.status).toBe(400);
      const text = await app.request("/auth/register", {
        method: "POST",
        body: "x",
        headers: { "content-type": "text/plain" },
      });
      expect(await problemOf(text)).toMatchObject({ status: 415, code: "unsupported_media_type" });
    });
  });

  describe("login", () => {
    it("returns a token pair for the right password", async () => {
      const response = await call(app, "POST", "/auth/login", {
        body: { email: "admin@exitmatch.co.uk", password: "ExitMatch-dev-2026" },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ tokenType: "Bearer", expiresIn: 900 });
    });

    it("answers a wrong password and an unknown email identically", async () => {
      const wrong = await problemOf(
        await call(app, "POST", "/auth/login", {
          body: { email: "admin@exitmatch.co.uk", password: "nope-nope-nope" },
        }),
      );
      const unknown = await problemOf(
        await call(app, "POST", "/auth/login", { body: { email: "nobody@example.co.uk", password: "nope-nope-nope" } }),
      );
      expect([wrong.status, wrong.code]).toEqual([401, "invalid_credentials"]);
      expect([unknown.status, unknown.code]).toEqual([401, "invalid_credentials"]);
    });

    it("slows down after 3 failures and refuses with 429 and Retry-After after 5", async () => {
      const email = "mark.jones@jonesretail.co.uk";
      const attempt = () => call(app, "POST", "/auth/login", { body: { email, password: "wrong-password-1" } });
      for (let index = 0; index < 3; index += 1) expect((await attempt()).status).toBe(401);
      const started = performance.now();
      expect((await attempt()).status).toBe(401); // 4th: delayed 250 ms
      expect(performance.now() - started).toBeGreaterThanOrEqual(240);
      expect((await attempt()).status).toBe(401); // 5th
      const refused = await attempt();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("900");
      expect((await problemOf(refused)).code).toBe("rate_limited");
      // Even the right password is refused while throttled.
      const right = await call(app, "POST", "/auth/login", { body: { email, password: "ExitMatch-dev-2026" } });
      expect(right.status).toBe(429);
    });
  });

  describe("login throttling under concurrency", () => {
    const wrongLogin = (email: string, address: string) =>
      call(app, "POST", "/auth/login", { body: { email, password: "wrong-password-1" }, address });

    it("checks no more than 5 of 30 simultaneous wrong passwords for one account", async () => {
      const email = "alistair.grant@highlandhospitality.co.uk";
      const responses = await Promise.all(Array.from({ length: 30 }, () => wrongLogin(email, "198.51.100.7")));
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(25);
      const failures = await db.prisma.activityLog.count({ where: { action: "auth.login_failed", entityId: email } });
      expect(failures).toBe(5);
      // Refused until the window passes, even with the right password, and from another address.
      const right = await call(app, "POST", "/auth/login", {
        body: { email, password: "ExitMatch-dev-2026" },
        address: "198.51.100.8",
      });
      expect(right.status).toBe(429);
      expect(right.headers.get("retry-after")).toBe("900");
    });

    it("checks no more than 20 simultaneous wrong passwords from one address, over any accounts", async () => {
      const address = "198.51.100.9";
      const responses = await Promise.all(
        Array.from({ length: 26 }, (_, index) => wrongLogin(`nobody.${index}@example.co.uk`, address)),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(20);
      expect(statuses.filter((status) => status === 429)).toHaveLength(6);
      // Another address is not affected.
      expect((await wrongLogin("nobody.0@example.co.uk", "198.51.100.10")).status).toBe(401);
    });

    it("does not count a correct password", async () => {
      const email = "owen.davies@gmail.example";
      for (let round = 0; round < 7; round += 1) {
        const response = await call(app, "POST", "/auth/login", {
          body: { email, password: "ExitMatch-dev-2026" },
          address: "198.51.100.11",
        });
        expect(response.status).toBe(200);
      }
    });
  });

  describe("tokens", () => {
    it("rotates refresh tokens and revokes the family when an old one is reused", async () => {
      const login = await call(app, "POST", "/auth/login", {
        body: { email: "laura.chen@chenholdings.co.uk", password: "ExitMatch-dev-2026" },
      });
      const first = (await login.json()) as { refreshToken: string };
      const rotated = await call(app, "POST", "/auth/refresh", { body: { refreshToken: first.refreshToken } });
      expect(rotated.status).toBe(200);
      const second = (await rotated.json()) as { refreshToken: string };
      expect(second.refreshToken).not.toBe(first.refreshToken);

      const reused = await problemOf(
        await call(app, "POST", "/auth/refresh", { body: { refreshToken: first.refreshToken } }),
      );
      expect([reused.status, reused.code]).toEqual([401, "refresh_token_reused"]);
      // The thief's replay also killed the legitimate newer token.
      const afterReuse = await call(app, "POST", "/auth/refresh", { body: { refreshToken: second.refreshToken } });
      expect(afterReuse.status).toBe(401);
    });

    it("logout revokes the session", async () => {
      const login = await call(app, "POST", "/auth/login", {
        body: { email: "emma.wilson@wilsonfamilyoffice.co.uk", password: "ExitMatch-dev-2026" },
      });
      const { refreshToken } = (await login.json()) as { refreshToken: string };
      expect((await call(app, "POST", "/auth/logout", { body: { refreshToken } })).status).toBe(204);
      expect((await call(app, "POST", "/auth/refresh", { body: { refreshToken } })).status).toBe(401);
    });

    it("rejects forged, expired and missing access tokens", async () => {
      const admin = await db.prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
      const forged = await new SignJWT({ role: "ADMIN", sid: admin.id })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(admin.id)
        .setIssuer("exitmatch")
        .setAudience("exitmatch-api")
        .setExpirationTime("10m")
        .sign(new TextEncoder().encode("not-the-server-secret-not-the-server-secret"));
      const expired = await new SignJWT({ role: "ADMIN", sid: admin.id })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(admin.id)
        .setIssuer("exitmatch")
        .setAudience("exitmatch-api")
        .setExpirationTime(Math.floor(TEST_NOW.getTime() / 1000) - 60)
        .sign(jwtSecret);
      for (const token of [forged, expired, "garbage"]) {
        const problem = await problemOf(await call(app, "GET", "/me", { token }));
        expect([problem.status, problem.code]).toEqual([401, "token_invalid"]);
      }
      const missing = await problemOf(await call(app, "GET", "/me"));
      expect([missing.status, missing.code]).toEqual([401, "unauthorized"]);
    });

    it("locks a suspended account out at once, token or not", async () => {
      const token = await loginAs(app, "owen.davies@gmail.example");
      await db.prisma.user.updateMany({ where: { email: "owen.davies@gmail.example" }, data: { status: "SUSPENDED" } });
      expect((await problemOf(await call(app, "GET", "/me", { token }))).code).toBe("account_suspended");
      const login = await call(app, "POST", "/auth/login", {
        body: { email: "owen.davies@gmail.example", password: "ExitMatch-dev-2026" },
      });
      expect((await problemOf(login)).code).toBe("account_suspended");
      await db.prisma.user.updateMany({ where: { email: "owen.davies@gmail.example" }, data: { status: "ACTIVE" } });
    });
  });

  describe("access tokens end with their login session", () => {
    const me = (accessToken: string) => call(app, "GET", "/me", { token: accessToken });
    const logIn = async (email: string, password = "ExitMatch-dev-2026") =>
      (await (await call(app, "POST", "/auth/login", { body: { email, password } })).json()) as {
        accessToken: string;
        refreshToken: string;
      };
    const lastEmailTo = async (email: string) => mailer.sent.filter((sent) => sent.to === email).at(-1)!;
    const expectEnded = async (response: Response) =>
      expect([response.status, (await problemOf(response)).code]).toEqual([401, "token_invalid"]);

    it("keeps working across a refresh, and stops at logout", async () => {
      const tokens = await logIn("sarah.whitfield@midlandsindustrial.co.uk");
      const refreshed = (await (
        await call(app, "POST", "/auth/refresh", { body: { refreshToken: tokens.refreshToken } })
      ).json()) as { accessToken: string; refreshToken: string };
      expect((await me(tokens.accessToken)).status).toBe(200);
      expect((await me(refreshed.accessToken)).status).toBe(200);
      await call(app, "POST", "/auth/logout", { body: { refreshToken: refreshed.refreshToken } });
      await expectEnded(await me(tokens.accessToken));
      await expectEnded(await me(refreshed.accessToken));
    });

    it("stops when a reused refresh token revokes the family", async () => {
      const tokens = await logIn("laura.chen@chenholdings.co.uk");
      await call(app, "POST", "/auth/refresh", { body: { refreshToken: tokens.refreshToken } });
      await call(app, "POST", "/auth/refresh", { body: { refreshToken: tokens.refreshToken } }); // reuse
      await expectEnded(await me(tokens.accessToken));
    });

    it("stops after a password reset", async () => {
      const email = "emma.wilson@wilsonfamilyoffice.co.uk";
      const tokens = await logIn(email);
      expect((await me(tokens.accessToken)).status).toBe(200);
      await call(app, "POST", "/auth/password-reset", { body: { email } });
      await deliverMail();
      const token = /token=([A-Za-z0-9_-]+)/.exec((await lastEmailTo(email)).text)![1]!;
      await call(app, "POST", "/auth/password-reset/confirm", { body: { token, password: "reset-and-moved-on" } });
      await expectEnded(await me(tokens.accessToken));
    });

    it("stays ended after a suspension is lifted", async () => {
      const email = "harriet.cole@colebrokers.co.uk";
      const tokens = await logIn(email);
      const admin = await loginAs(app, "admin@exitmatch.co.uk");
      const user = await db.prisma.user.findFirstOrThrow({ where: { email } });
      const suspend = await call(app, "POST", `/admin/users/${user.id}/suspend`, {
        token: admin,
        body: { reason: "Review of reported conduct" },
      });
      expect(suspend.status).toBe(200);
      expect((await problemOf(await me(tokens.accessToken))).code).toBe("account_suspended");
      expect((await call(app, "POST", `/admin/users/${user.id}/reinstate`, { token: admin })).status).toBe(200);
      await expectEnded(await me(tokens.accessToken));
      expect((await me((await logIn(email)).accessToken)).status).toBe(200);
    });

    it("refuses a correctly signed token whose session never existed", async () => {
      const user = await db.prisma.user.findFirstOrThrow({ where: { email: "admin@exitmatch.co.uk" } });
      const sign = (sid: string) =>
        new SignJWT({ role: "ADMIN", sid })
          .setProtectedHeader({ alg: "HS256" })
          .setSubject(user.id)
          .setIssuer("exitmatch")
          .setAudience("exitmatch-api")
          .setIssuedAt(TEST_NOW)
          .setExpirationTime(new Date(TEST_NOW.getTime() + 600_000))
          .sign(jwtSecret);
      await expectEnded(await me(await sign(crypto.randomUUID())));
      await expectEnded(await me(await sign("not-a-session")));
      await expectEnded(await me(await sign(crypto.randomUUID().toUpperCase())));
    });
  });

  describe("email verification and password reset", () => {
    const tokenFromLastEmail = () => /token=([A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;

    it("verifies the email once", async () => {
      await register({ ...newAccount, email: "verify.me@example.co.uk" });
      await deliverMail();
      const token = tokenFromLastEmail();
      expect((await call(app, "POST", "/auth/verify-email", { body: { token } })).status).toBe(204);
      const user = await db.prisma.user.findFirstOrThrow({ where: { email: "verify.me@example.co.uk" } });
      expect(user.emailVerifiedAt).not.toBeNull();
      expect((await call(app, "POST", "/auth/verify-email", { body: { token } })).status).toBe(401);
    });

    it("resets a password with the emailed token and logs the account out everywhere", async () => {
      const email = "priya.sharma@careventures.co.uk";
      const login = await call(app, "POST", "/auth/login", { body: { email, password: "ExitMatch-dev-2026" } });
      const { refreshToken } = (await login.json()) as { refreshToken: string };
      const sentBefore = mailer.sent.length;

      const unknown = await call(app, "POST", "/auth/password-reset", { body: { email: "nobody@example.co.uk" } });
      const known = await call(app, "POST", "/auth/password-reset", { body: { email } });
      // The same answer either way; the e-mail says which it was, to the address's owner only.
      expect([unknown.status, await unknown.json()]).toEqual([known.status, await known.json()]);
      expect(known.status).toBe(202);
      const sent = (await deliverMail()).slice(sentBefore);
      expect(sent.map((message) => [message.to, message.subject]).sort()).toEqual(
        [
          ["nobody@example.co.uk", "ExitMatch password reset"],
          [email, "Reset your ExitMatch password"],
        ].sort(),
      );
      const token = /token=([A-Za-z0-9_-]+)/.exec(sent.find((message) => message.to === email)!.text)![1]!;

      const confirm = await call(app, "POST", "/auth/password-reset/confirm", {
        body: { token, password: "a-brand-new-password" },
      });
      expect(confirm.status).toBe(204);
      expect((await call(app, "POST", "/auth/refresh", { body: { refreshToken } })).status).toBe(401);
      expect(await loginAs(app, email, "a-brand-new-password")).toMatch(/^ey/);
      const again = await call(app, "POST", "/auth/password-reset/confirm", {
        body: { token, password: "another-new-password" },
      });
      expect(again.status).toBe(401);
    });
  });
});
