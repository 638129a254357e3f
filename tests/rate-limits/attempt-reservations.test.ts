// Attempt reservations against several limits at once, on the real database: what each limit
// has counted, limits that do not apply, no more than `max` through however they race, and two
// reservations naming the same limits in opposite orders never deadlocking.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  limitLockKey,
  type RateLimit,
  releaseAttempt,
  reserveAttempt,
  subjectHash,
} from "../../functions/rate-limits/attempt-reservations.ts";
import { waitForLockWaiters } from "../support/lock-waiters.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const limit = (scope: string, subject: string | undefined, max = 3): RateLimit => ({
  scope,
  subject,
  max,
  windowMs: 60_000,
});
const reserve = (limits: RateLimit[], now = TEST_NOW) => reserveAttempt(seeded.deps.prisma, limits, now);

describe("reserveAttempt", () => {
  it("counts against every limit that applies, says what each had counted, and skips one without a subject", async () => {
    const scope = `test-${randomUUID()}`;
    const byAccount = limit(`${scope}-account`, "Someone@Example.com");
    const byAddress = limit(`${scope}-address`, undefined);
    const first = await reserve([byAccount, byAddress]);
    const second = await reserve([limit(`${scope}-account`, "someone@example.com"), byAddress]);
    expect(first).toMatchObject({ allowed: true, before: [0, 0] });
    expect(second).toMatchObject({ allowed: true, before: [1, 0] }); // the address's case does not matter
    expect(await seeded.db.prisma.rateLimitHit.count({ where: { scope: `${scope}-address` } })).toBe(0);
    // A released attempt stops counting.
    if (!second.allowed) throw new Error("expected the second attempt through");
    await releaseAttempt(seeded.deps.prisma, second.attemptId);
    expect(await reserve([byAccount])).toMatchObject({ allowed: true, before: [1] });
  });

  it("lets no more than max through when attempts arrive together", async () => {
    const key = limit(`test-${randomUUID()}`, "racer", 1);
    // Both wait behind the limit's lock, held here, then take turns.
    const holder = new pg.Client({ connectionString: seeded.db.url });
    await holder.connect();
    try {
      // The same lock the reservations take: a transaction-scoped advisory lock on the limit.
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
        limitLockKey(key.scope, subjectHash(key.scope, "racer")),
      ]);
      const attempts = Promise.all([reserve([key]), reserve([key])]);
      await waitForLockWaiters(holder, 2);
      await holder.query("COMMIT");
      const outcomes = await attempts;
      expect(outcomes.map((outcome) => outcome.allowed).sort()).toEqual([false, true]);
      expect(outcomes.find((outcome) => !outcome.allowed)).toMatchObject({ limit: key, retryAfterSeconds: 60 });
    } finally {
      await holder.end();
    }
  });

  it("never deadlocks two reservations that name the same limits in opposite orders", async () => {
    const scope = `test-${randomUUID()}`;
    const one = limit(`${scope}-a`, "x", 100);
    const two = limit(`${scope}-b`, "y", 100);
    const countedBefore: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const outcomes = await Promise.all([reserve([one, two]), reserve([two, one]), reserve([one, two])]);
      for (const [index, outcome] of outcomes.entries()) {
        if (!outcome.allowed) throw new Error("expected every attempt through: the limits are far off");
        countedBefore.push(outcome.before[index === 1 ? 1 : 0]!);
      }
    }
    // Each reservation counted the ones before it under the lock: every count from 0 to 14 once.
    expect(countedBefore.sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, n) => n));
  });
});
