// The login throttle as a use case, on a real database: per account and per client address,
// within a sliding window, with a growing delay before the password check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  reserveLoginAttempt,
  THROTTLE_WINDOW_MS,
} from "../../functions/auth/login-throttle.ts";
import { AppError } from "../../functions/errors/app-error.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);

/** The refusal a throttled attempt gets: 429 with Retry-After in seconds. */
async function refusal(attempt: Promise<unknown>) {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  return { code: appError.code, retryAfter: Number(appError.extras.headers?.["retry-after"]) };
}

describe("login throttle", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("lets five failures for an account through, slowing from the fourth, then refuses until the window has passed", async () => {
    expect([MAX_FAILURES_PER_ACCOUNT, THROTTLE_WINDOW_MS]).toEqual([5, 15 * 60_000]);
    const attempts = [];
    for (let index = 0; index < 5; index += 1) {
      attempts.push(await reserveLoginAttempt(db.prisma, "victim@example.co.uk", `192.0.2.${index}`, at(index * 1000)));
    }
    expect(attempts.map((attempt) => attempt.delayMs)).toEqual([0, 0, 0, 250, 500]);
    expect(attempts.map((attempt) => attempt.failures)).toEqual(
      [0, 1, 2, 3, 4].map((byAccount) => ({ byAccount, byIp: 0 })),
    );
    // Case does not make another account.
    const refused = await refusal(reserveLoginAttempt(db.prisma, "Victim@Example.co.uk", "192.0.2.99", at(10_000)));
    expect(refused.code).toBe("rate_limited");
    // The first failure leaves the window 15 minutes after it was made.
    expect(refused.retryAfter).toBe(15 * 60 - 10);
    expect(
      (await refusal(reserveLoginAttempt(db.prisma, "victim@example.co.uk", undefined, at(THROTTLE_WINDOW_MS - 1))))
        .code,
    ).toBe("rate_limited");
    // Once the first failure is out of the window, one more attempt fits.
    const later = await reserveLoginAttempt(
      db.prisma,
      "victim@example.co.uk",
      "192.0.2.50",
      at(THROTTLE_WINDOW_MS + 1),
    );
    expect(later.failures.byAccount).toBe(4);
    // Another account is not affected.
    expect((await reserveLoginAttempt(db.prisma, "bystander@example.co.uk", "192.0.2.1", at(10_000))).delayMs).toBe(0);
  });

  it("refuses an address trying many accounts after twenty failures, and no other address", async () => {
    expect(MAX_FAILURES_PER_IP).toBe(20);
    const address = "198.51.100.77";
    for (let index = 0; index < MAX_FAILURES_PER_IP; index += 1) {
      const attempt = await reserveLoginAttempt(db.prisma, `spray${index}@example.co.uk`, address, at(index));
      expect(attempt.failures).toEqual({ byAccount: 0, byIp: index });
    }
    expect((await refusal(reserveLoginAttempt(db.prisma, "spray-next@example.co.uk", address, at(100)))).code).toBe(
      "rate_limited",
    );
    expect(
      (await reserveLoginAttempt(db.prisma, "spray-next@example.co.uk", "198.51.100.78", at(100))).failures,
    ).toEqual({
      byAccount: 0,
      byIp: 0,
    });
    // Without a known address, only the account limit applies.
    expect((await reserveLoginAttempt(db.prisma, "spray-other@example.co.uk", undefined, at(100))).failures).toEqual({
      byAccount: 0,
      byIp: 0,
    });
    // The address is free again once its failures are out of the window.
    expect(
      (await reserveLoginAttempt(db.prisma, "spray-late@example.co.uk", address, at(THROTTLE_WINDOW_MS + 100))).failures
        .byIp,
    ).toBe(0);
  });
});
