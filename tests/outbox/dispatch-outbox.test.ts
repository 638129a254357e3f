import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../functions/clock/clock.ts";
import { type Email, type Mailer, MemoryMailer } from "../../functions/mail/mailer.ts";
import { outboxHealth } from "../../functions/ops/outbox-health.ts";
import { dispatchOutbox, type MessagePreparer } from "../../functions/outbox/dispatch-outbox.ts";
import { enqueueMessage } from "../../functions/outbox/enqueue-message.ts";
import { DELIVERY_LEASE_MS, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "../../functions/outbox/leased-claims.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** Counts every call, duplicates included (unlike MemoryMailer, which drops them). */
class CountingMailer implements Mailer {
  readonly calls: Email[] = [];
  async send(email: Email) {
    this.calls.push(email);
  }
}

class FailingMailer implements Mailer {
  async send(): Promise<void> {
    throw new Error("SMTP 421: try again later");
  }
}

describe("the outbox dispatcher", () => {
  let db: TestDatabase;
  const clock = fixedClock(TEST_NOW);
  const ready = (n: number) => ({
    kind: "test.ready",
    to: { email: `person.${n}@example.co.uk` },
    subject: `Hello ${n}`,
    body: "Hi",
  });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    clock.set(TEST_NOW);
    await db.query("DELETE FROM outbox_messages");
  });

  it("sends each message once and marks it sent", async () => {
    for (const n of [1, 2, 3]) await enqueueMessage(db.appPrisma, ready(n), clock.now());
    const mailer = new CountingMailer();
    const result = await dispatchOutbox({ prisma: db.appPrisma, mailer, clock, preparers: {} });
    expect(result).toEqual({ sent: 3, cancelled: 0, retrying: 0, dead: 0 });
    expect(mailer.calls.map((email) => email.to).sort()).toEqual([1, 2, 3].map((n) => `person.${n}@example.co.uk`));
    expect(await dispatchOutbox({ prisma: db.appPrisma, mailer, clock, preparers: {} })).toEqual({
      sent: 0,
      cancelled: 0,
      retrying: 0,
      dead: 0,
    });
    expect(await db.prisma.outboxMessage.count({ where: { status: "SENT", sentAt: TEST_NOW } })).toBe(3);
  });

  it("never hands one message to two dispatchers running at once", async () => {
    for (let n = 0; n < 30; n += 1) await enqueueMessage(db.appPrisma, ready(n), clock.now());
    const mailer = new CountingMailer();
    const deps = { prisma: db.appPrisma, mailer, clock, preparers: {} };
    await Promise.all([
      dispatchOutbox(deps, { batchSize: 7 }),
      dispatchOutbox(deps, { batchSize: 7 }),
      dispatchOutbox(deps, { batchSize: 7 }),
    ]);
    while ((await dispatchOutbox(deps)).sent > 0);
    expect(mailer.calls).toHaveLength(30);
    expect(new Set(mailer.calls.map((email) => email.idempotencyKey)).size).toBe(30);
  });

  it("a dispatcher killed between sending and recording: the next one resends with the same key, received once", async () => {
    await enqueueMessage(db.appPrisma, ready(1), clock.now());
    const inbox = new MemoryMailer();
    const raw = new CountingMailer();
    // Sends, then never returns: the process died before it could mark the message sent.
    const dying: Mailer = {
      send: async (email) => {
        await raw.send(email);
        await inbox.send(email);
        await new Promise(() => {});
      },
    };
    void dispatchOutbox({ prisma: db.appPrisma, mailer: dying, clock, preparers: {} });
    await expect.poll(() => raw.calls.length).toBe(1);
    // Within the lease nobody else takes it.
    const healthy: Mailer = {
      send: async (email) => {
        await raw.send(email);
        await inbox.send(email);
      },
    };
    expect((await dispatchOutbox({ prisma: db.appPrisma, mailer: healthy, clock, preparers: {} })).sent).toBe(0);
    clock.advance(DELIVERY_LEASE_MS);
    expect((await dispatchOutbox({ prisma: db.appPrisma, mailer: healthy, clock, preparers: {} })).sent).toBe(1);
    expect(raw.calls.map((email) => email.idempotencyKey)).toEqual([
      raw.calls[0]!.idempotencyKey,
      raw.calls[0]!.idempotencyKey,
    ]);
    expect(inbox.sent).toHaveLength(1);
  });

  it("retries a failure with growing back-off, and gives up after the last attempt (reported by ops health)", async () => {
    const { id } = await enqueueMessage(db.appPrisma, ready(1), clock.now());
    const deps = { prisma: db.appPrisma, mailer: new FailingMailer(), clock, preparers: {} };
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      const result = await dispatchOutbox(deps);
      expect(result).toEqual(
        attempt < MAX_DELIVERY_ATTEMPTS
          ? { sent: 0, cancelled: 0, retrying: 1, dead: 0 }
          : { sent: 0, cancelled: 0, retrying: 0, dead: 1 },
      );
      const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe("SMTP 421: try again later");
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(retryDelayMs(attempt));
        // Not before the back-off ends.
        clock.advance(retryDelayMs(attempt) - 1);
        expect(await dispatchOutbox(deps)).toEqual({ sent: 0, cancelled: 0, retrying: 0, dead: 0 });
        clock.advance(1);
      }
    }
    expect((await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("DEAD");
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(2)).toBe(60_000);
    expect(retryDelayMs(20)).toBe(3_600_000);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { outbox, problems } = await outboxHealth(client);
      expect(outbox.dead).toBe(1);
      expect(problems.join("\n")).toMatch(/1 outbox messages are dead/);
    } finally {
      await client.end();
    }
  });

  it("prepares a deferred message once, however often its delivery is retried", async () => {
    let prepared = 0;
    const preparers: Record<string, MessagePreparer> = {
      "test.deferred": async (_tx, data) => {
        prepared += 1;
        return {
          to: { email: "deferred@example.co.uk" },
          subject: `For ${(data as { name: string }).name}`,
          body: "Prepared",
        };
      },
    };
    const { id } = await enqueueMessage(
      db.appPrisma,
      { kind: "test.deferred", to: { email: "x@example.co.uk" }, data: { name: "Ada" } },
      clock.now(),
    );
    await dispatchOutbox({ prisma: db.appPrisma, mailer: new FailingMailer(), clock, preparers });
    clock.advance(retryDelayMs(1));
    const mailer = new CountingMailer();
    await dispatchOutbox({ prisma: db.appPrisma, mailer, clock, preparers });
    expect(prepared).toBe(1);
    expect(mailer.calls).toEqual([
      expect.objectContaining({ to: "deferred@example.co.uk", subject: "For Ada", text: "Prepared" }),
    ]);
    expect((await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).data).toBeNull();
  });

  it("cancels what its policy stops or its preparer finds nothing to say for, sending nothing and keeping no data", async () => {
    const stopped = await enqueueMessage(
      db.appPrisma,
      { kind: "test.stopped", to: { email: "stopped@example.co.uk" }, data: { a: 1 } },
      clock.now(),
    );
    const empty = await enqueueMessage(
      db.appPrisma,
      { kind: "test.empty", to: { email: "empty@example.co.uk" }, data: { b: 2 } },
      clock.now(),
    );
    const asked: unknown[] = [];
    const mailer = new CountingMailer();
    const result = await dispatchOutbox({
      prisma: db.appPrisma,
      mailer,
      clock,
      preparers: { "test.stopped": async () => ready(1), "test.empty": async () => null },
      policy: async (_prisma, message) => {
        asked.push(message);
        return message.kind === "test.stopped" ? { deliver: false } : { deliver: true };
      },
    });
    expect(result).toEqual({ sent: 0, cancelled: 2, retrying: 0, dead: 0 });
    expect(mailer.calls).toEqual([]);
    expect(asked).toContainEqual({ kind: "test.stopped", recipientUserId: null });
    for (const { id } of [stopped, empty]) {
      expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "CANCELLED",
        leasedUntil: null,
        data: null,
      });
    }
  });

  it("hands the mailer the policy's headers, and none when the policy gives none", async () => {
    await enqueueMessage(db.appPrisma, ready(1), clock.now());
    await enqueueMessage(db.appPrisma, { ...ready(2), kind: "test.plain" }, clock.now());
    const mailer = new CountingMailer();
    await dispatchOutbox({
      prisma: db.appPrisma,
      mailer,
      clock,
      preparers: {},
      policy: async (_prisma, message) =>
        message.kind === "test.plain" ? { deliver: true } : { deliver: true, headers: { "List-Unsubscribe": "<x>" } },
    });
    const headersTo = (email: string) => mailer.calls.find((call) => call.to === email)?.headers;
    expect(headersTo("person.1@example.co.uk")).toEqual({ "List-Unsubscribe": "<x>" });
    expect(headersTo("person.2@example.co.uk")).toEqual({});
  });

  it("prepares as the dispatcher (a system session named after the message), and records who it goes to", async () => {
    const { id } = await enqueueMessage(
      db.appPrisma,
      { kind: "test.session", to: { email: "queued@example.co.uk" }, data: {} },
      clock.now(),
    );
    let seen: unknown;
    const preparers: Record<string, MessagePreparer> = {
      "test.session": async (tx) => {
        [seen] = await tx.$queryRaw<unknown[]>`
          SELECT current_setting('exitmatch.system', true) AS system, current_setting('exitmatch.request_id', true) AS request`;
        return { to: { email: "prepared@example.co.uk" }, subject: "S", body: "B" };
      },
    };
    await dispatchOutbox({ prisma: db.appPrisma, mailer: new CountingMailer(), clock, preparers });
    expect(seen).toEqual({ system: "on", request: `outbox:${id}` });
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      recipientEmail: "prepared@example.co.uk",
      recipientUserId: null,
      subject: "S",
      body: "B",
    });
  });

  it("retries a message of a kind nobody prepares, saying so", async () => {
    const { id } = await enqueueMessage(
      db.appPrisma,
      { kind: "test.unknown", to: { email: "x@example.co.uk" }, data: {} },
      clock.now(),
    );
    const result = await dispatchOutbox({ prisma: db.appPrisma, mailer: new CountingMailer(), clock, preparers: {} });
    expect(result).toEqual({ sent: 0, cancelled: 0, retrying: 1, dead: 0 });
    const stored = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(stored.lastError).toContain("No preparer for outbox messages of kind test.unknown.");
  });
});
