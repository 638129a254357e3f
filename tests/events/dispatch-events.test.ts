// The after-commit events (functions/events/): one pending event per subject whatever the burst,
// a change that lands while its event is handled runs the handler again, failures back off and
// end dead (reported by ops health), and two dispatchers never handle one event at once.

import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../functions/clock/clock.ts";
import type { EventHandler } from "../../functions/events/dispatch-events.ts";
import { dispatchEvents } from "../../functions/events/dispatch-events.ts";
import { enqueueEvent } from "../../functions/events/enqueue-event.ts";
import { outboxHealth } from "../../functions/ops/outbox-health.ts";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "../../functions/outbox/leased-claims.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("after-commit events", () => {
  let db: TestDatabase;
  const clock = fixedClock(TEST_NOW);
  const pending = () =>
    db.query<{ kind: string; subject_id: string; version: number; status: string }>(
      "SELECT kind, subject_id::text, version, status::text FROM outbox_events ORDER BY created_at, kind",
    );

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    clock.set(TEST_NOW);
    await db.query("DELETE FROM outbox_events");
  });

  it("keeps one pending event per subject and kind, however many changes come before it is handled", async () => {
    const listing = randomUUID();
    for (let i = 0; i < 3; i += 1) await enqueueEvent(db.appPrisma, "listing.changed", listing, clock.now());
    await enqueueEvent(db.appPrisma, "buyer.changed", listing, clock.now());
    expect(await pending()).toEqual([
      { kind: "buyer.changed", subject_id: listing, version: 1, status: "PENDING" },
      { kind: "listing.changed", subject_id: listing, version: 3, status: "PENDING" },
    ]);
    const seen: string[] = [];
    const record: EventHandler = async (_prisma, id) => {
      seen.push(id);
    };
    const handlers = { "listing.changed": record, "buyer.changed": record };
    expect(await dispatchEvents({ prisma: db.appPrisma, clock, handlers })).toEqual({
      handled: 2,
      requeued: 0,
      retrying: 0,
      dead: 0,
    });
    expect(seen).toEqual([listing, listing]);
    expect(await pending()).toEqual([]);
  });

  it("writes nothing when the change's transaction rolls back", async () => {
    await expect(
      db.appPrisma.$transaction(async (tx) => {
        await enqueueEvent(tx, "listing.changed", randomUUID(), clock.now());
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await pending()).toEqual([]);
  });

  it("runs a handler again when its subject changed while it ran (it may have read the older state)", async () => {
    const profile = randomUUID();
    await enqueueEvent(db.appPrisma, "buyer-profile.changed", profile, clock.now());
    let runs = 0;
    const handlers: Record<string, EventHandler> = {
      "buyer-profile.changed": async () => {
        runs += 1;
        // The buyer saves again while the first recompute is under way.
        if (runs === 1) await enqueueEvent(db.appPrisma, "buyer-profile.changed", profile, clock.now());
      },
    };
    expect(await dispatchEvents({ prisma: db.appPrisma, clock, handlers })).toMatchObject({ handled: 0, requeued: 1 });
    expect(await pending()).toEqual([
      { kind: "buyer-profile.changed", subject_id: profile, version: 2, status: "PENDING" },
    ]);
    expect(await dispatchEvents({ prisma: db.appPrisma, clock, handlers })).toMatchObject({ handled: 1, requeued: 0 });
    expect(runs).toBe(2);
    expect(await pending()).toEqual([]);
  });

  it("never hands one event to two dispatchers at once", async () => {
    const subjects = Array.from({ length: 25 }, () => randomUUID());
    for (const id of subjects) await enqueueEvent(db.appPrisma, "listing.changed", id, clock.now());
    const seen: string[] = [];
    const handlers: Record<string, EventHandler> = {
      "listing.changed": async (_prisma, id) => {
        seen.push(id);
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    };
    const deps = { prisma: db.appPrisma, clock, handlers };
    await Promise.all([1, 2, 3].map(() => dispatchEvents(deps, { batchSize: 6 })));
    while ((await dispatchEvents(deps)).handled > 0);
    expect(seen.sort()).toEqual([...subjects].sort());
  });

  it("backs a failing handler off, ends it dead for ops health, and lets a later change start afresh", async () => {
    const listing = randomUUID();
    await enqueueEvent(db.appPrisma, "listing.changed", listing, clock.now());
    const handlers: Record<string, EventHandler> = {
      "listing.changed": async () => {
        throw new Error("canceling statement due to statement timeout");
      },
    };
    const deps = { prisma: db.appPrisma, clock, handlers };
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      const result = await dispatchEvents(deps);
      expect(result).toEqual(
        attempt < MAX_DELIVERY_ATTEMPTS
          ? { handled: 0, requeued: 0, retrying: 1, dead: 0 }
          : { handled: 0, requeued: 0, retrying: 0, dead: 1 },
      );
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        clock.advance(retryDelayMs(attempt) - 1);
        expect((await dispatchEvents(deps)).retrying).toBe(0); // not before its back-off ends
        clock.advance(1);
      }
    }
    const [dead] = await db.query<{ status: string; last_error: string }>(
      "SELECT status::text, last_error FROM outbox_events",
    );
    expect(dead).toEqual({ status: "DEAD", last_error: "canceling statement due to statement timeout" });

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { outbox, problems } = await outboxHealth(client);
      expect(outbox.events.dead).toBe(1);
      expect(outbox.dead).toBe(0);
      expect(problems).toEqual(["1 outbox events are dead (every attempt failed): read last_error in outbox_events"]);
    } finally {
      await client.end();
    }

    // The dead event stays for an operator; a new change to the listing is a new pending event.
    await enqueueEvent(db.appPrisma, "listing.changed", listing, clock.now());
    expect((await pending()).map((row) => row.status).sort()).toEqual(["DEAD", "PENDING"]);
  });

  it("fails an event of a kind nobody handles rather than dropping it", async () => {
    await enqueueEvent(db.appPrisma, "listing.changed", randomUUID(), clock.now());
    expect(await dispatchEvents({ prisma: db.appPrisma, clock, handlers: {} })).toMatchObject({ retrying: 1 });
    const [row] = await db.query<{ last_error: string }>("SELECT last_error FROM outbox_events");
    expect(row!.last_error).toBe("No handler for events of kind listing.changed.");
  });
});
