// Registration and password reset must not tell anyone whether an address has an account: not by
// their answer, not by the work (and so the time) they do on the request's path, and they must
// not let anyone flood an inbox (issue 11, finding 7).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { MemoryMailer } from "../../functions/mail/mailer.ts";
import { createDependencies } from "../../functions/runtime/create-dependencies.ts";
import { call, problemOf } from "../support/api-client.ts";
import { capturingLogger } from "../support/capturing-logger.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { createTestApp } from "../support/test-app.ts";
import { testClock } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("account discovery", () => {
  let db: TestDatabase;
  let harness: ReturnType<typeof createTestApp>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    harness = createTestApp(db.appPrisma);
  });
  afterAll(() => db.drop());

  it("does the same database work on the request's path for an address with an account and one without", async () => {
    const { logger, lines } = capturingLogger();
    const environment = loadEnvironment({ NODE_ENV: "test", SLOW_QUERY_MS: "100000" });
    const app = createApp(
      createDependencies(environment, db.appPrisma, { mailer: new MemoryMailer(), logger, clock: testClock() }),
    );
    const work = async (path: string, body: object, address: string) => {
      const response = await call(app, "POST", path, { body, address });
      const line = lines.filter((entry) => entry.path === path).at(-1)!;
      return { status: response.status, body: await response.text(), queries: line.queries };
    };
    const password = "a-long-enough-password";
    const register = (email: string, address: string) =>
      work("/auth/register", { email, password, name: "Someone", role: "BUYER" }, address);
    expect(await register(ACTORS.buyerWithNda, "192.0.2.1")).toEqual(
      await register("free.one@example.co.uk", "192.0.2.2"),
    );
    const reset = (email: string, address: string) => work("/auth/password-reset", { email }, address);
    expect(await reset(ACTORS.buyerWithNda, "192.0.2.3")).toEqual(await reset("free.two@example.co.uk", "192.0.2.4"));
    // Nothing was decided on the request's path: no account was created yet.
    expect(await db.prisma.user.count({ where: { email: "free.one@example.co.uk" } })).toBe(0);
  });

  it("sends at most 3 reset e-mails an hour to one address, answering every request the same", async () => {
    const email = ACTORS.buyerWithoutNda;
    const before = (await harness.deliverMail()).length;
    const responses = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        call(harness.app, "POST", "/auth/password-reset", { body: { email }, address: `192.0.2.${10 + n}` }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([202, 202, 202, 202, 202, 202]);
    const sent = (await harness.deliverMail()).slice(before).filter((message) => message.to === email);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((message) => message.subject))).toEqual(new Set(["Reset your ExitMatch password"]));
  });

  it("refuses more than 10 reset requests an hour from one IP address, over any addresses", async () => {
    const address = "192.0.2.50";
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        call(harness.app, "POST", "/auth/password-reset", { body: { email: `someone.${n}@example.co.uk` }, address }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(10).fill(202), 429, 429]);
    const refused = responses.find((response) => response.status === 429)!;
    expect(refused.headers.get("retry-after")).toBe("3600");
    expect((await problemOf(refused)).code).toBe("rate_limited");
  });

  it("sends at most 3 registration e-mails an hour to one address", async () => {
    const email = "flooded@example.co.uk";
    const before = (await harness.deliverMail()).length;
    for (let n = 0; n < 5; n += 1) {
      const response = await call(harness.app, "POST", "/auth/register", {
        body: { email, password: "a-long-enough-password", name: "Flood", role: "SELLER" },
        address: `192.0.2.${60 + n}`,
      });
      expect(response.status).toBe(202);
    }
    const sent = (await harness.deliverMail()).slice(before).filter((message) => message.to === email);
    expect(sent.map((message) => message.subject)).toEqual([
      "Confirm your ExitMatch email address",
      "Someone tried to create an ExitMatch account with your email address",
      "Someone tried to create an ExitMatch account with your email address",
    ]);
    expect(await db.prisma.user.count({ where: { email } })).toBe(1);
  });

  it("refuses to log in an address nobody confirmed, exactly like a wrong password", async () => {
    // Registering an address and trying its password must not reveal whether it was free.
    const email = "squatted@example.co.uk";
    await call(harness.app, "POST", "/auth/register", {
      body: { email, password: "a-long-enough-password", name: "Squatter", role: "BUYER" },
      address: "192.0.2.70",
    });
    await harness.deliverMail();
    const unconfirmed = await problemOf(
      await call(harness.app, "POST", "/auth/login", { body: { email, password: "a-long-enough-password" } }),
    );
    const wrong = await problemOf(
      await call(harness.app, "POST", "/auth/login", {
        body: { email: ACTORS.otherSeller, password: "a-long-enough-password" },
      }),
    );
    expect(unconfirmed).toMatchObject({ status: 401, code: "invalid_credentials" });
    expect(unconfirmed.detail).toBe(wrong.detail);
  });
});
