// Every notification reaches the development mailbox exactly once, even when the dispatcher is
// killed (SIGKILL: no clean-up) in the middle of a delivery and started again: the message it
// had written but not yet marked sent is delivered again once its lease runs out, and the
// mailbox keeps the first copy (one file per idempotency key).

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailboxFileName } from "../../functions/mail/folder-mailer.ts";
import { notify } from "../../functions/notifications/notify.ts";
import { REPO_ROOT } from "../support/prisma-cli.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const LEASE_MS = 1500;

describe("the dispatcher killed mid-delivery and restarted", () => {
  let db: TestDatabase;
  let mailbox: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    mailbox = mkdtempSync(join(tmpdir(), "exitmatch-mailbox-"));
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
    rmSync(mailbox, { recursive: true, force: true });
  });

  // In this very process (node --import tsx, not the tsx CLI, which would run it in a child
  // that a SIGKILL to its parent leaves running).
  const startDispatcher = () => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/notifications/support/dispatcher-process.ts"], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.appUrl,
        MAILBOX_DIR: mailbox,
        DISPATCHER_NOW: TEST_NOW.toISOString(),
        LEASE_MS: String(LEASE_MS),
        ACK_DELAY_MS: "400",
      },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    const waitFor = async (pattern: RegExp, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    return { child, exited, waitFor, output: () => output };
  };

  it("leaves exactly one copy of every notification in the mailbox", async () => {
    const users = await db.prisma.user.findMany({
      where: { email: { in: [ACTORS.ownerSeller, ACTORS.otherSeller, ACTORS.advisorOnDeal] } },
      select: { id: true },
    });
    const notifications = users.flatMap((user) =>
      Array.from({ length: 4 }, (_, n) => ({
        userId: user.id,
        topic: "INQUIRY_RECEIVED" as const,
        dedupeKey: `restart-test:${n}`,
        title: `Inquiry number ${n}`,
        body: `Inquiry number ${n} arrived.`,
        link: `/inquiries/${n}`,
      })),
    );
    await db.appPrisma.$transaction((tx) => notify(tx, notifications, TEST_NOW));
    const messages = await db.prisma.outboxMessage.findMany({ where: { kind: "notification.INQUIRY_RECEIVED" } });
    expect(messages).toHaveLength(12);

    // First dispatcher: killed right after it wrote its second message, before it could mark it sent.
    const first = startDispatcher();
    await first.waitFor(/(delivered .*\n){2}/, 60_000);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const interrupted = first
      .output()
      .split("\n")
      .filter((line) => line.startsWith("delivered "))
      .map((line) => line.slice("delivered ".length))
      .at(-1)!;
    const stuck = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: interrupted } });
    expect(stuck.status).toBe("PENDING"); // delivered, not marked: the crash we wanted
    expect(readdirSync(mailbox)).toContain(mailboxFileName(interrupted));

    // Second dispatcher: waits out the lease, delivers the rest, and the interrupted one again.
    const second = startDispatcher();
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        // Every message, ours and the reminders it writes for the seed's waiting inquiries.
        const pending = await db.prisma.outboxMessage.count({ where: { status: { not: "SENT" } } });
        if (pending === 0) break;
        if (Date.now() > deadline) throw new Error(`still ${pending} pending:\n${second.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      second.child.kill("SIGKILL");
      await second.exited;
    }
    const retried = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: interrupted } });
    expect(retried).toMatchObject({ status: "SENT", attempts: 2 });

    // Exactly one file per message sent (ours, and the reminders the dispatcher wrote for the
    // seed's waiting inquiries), nothing else: no temporary files left behind either.
    const sent = await db.prisma.outboxMessage.findMany({ where: { status: "SENT" } });
    expect(sent.map((message) => message.idempotencyKey)).toEqual(
      expect.arrayContaining(messages.map((message) => message.idempotencyKey)),
    );
    const files = readdirSync(mailbox).sort();
    expect(files).toEqual(sent.map((message) => mailboxFileName(message.idempotencyKey)).sort());
    const text = readFileSync(join(mailbox, mailboxFileName(interrupted)), "utf8");
    expect(text).toMatch(/^From: ExitMatch <notifications@exitmatch\.co\.uk>\r\n/);
    expect(text).toMatch(/\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n/);
    expect(text).toMatch(/\r\nSubject: Inquiry number \d\r\n/);
  }, 120_000);
});
