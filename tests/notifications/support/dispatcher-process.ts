// A dispatcher in a process of its own, for the kill-and-restart test: the real dispatcher
// (events, digests, messages) delivering into a development mailbox folder, with a mail provider
// that is slow to acknowledge (it writes the message, then takes ACK_DELAY_MS before returning),
// so a SIGKILL can land after a message is delivered and before it is marked sent. It prints
// "delivered <idempotency key>" as each file is written.

import type { Clock } from "../../../functions/clock/clock.ts";
import { appConfigFrom } from "../../../functions/config/app-config.ts";
import { loadEnvironment } from "../../../functions/config/environment.ts";
import { createDatabaseClient } from "../../../functions/db/prisma-client.ts";
import { FolderMailer } from "../../../functions/mail/folder-mailer.ts";
import type { Email, Mailer } from "../../../functions/mail/mailer.ts";
import { EVENT_HANDLERS } from "../../../functions/runtime/event-handlers.ts";
import { messageDelivery } from "../../../functions/runtime/message-delivery.ts";
import { startOutboxDispatcher } from "../../../functions/runtime/outbox-dispatcher.ts";

const environment = loadEnvironment({ ...process.env, NODE_ENV: "test" });
// The tests' date, moving on in real time (so a lease taken by a killed process does run out).
const startedAt = new Date(process.env.DISPATCHER_NOW ?? "").getTime() - performance.now();
const clock: Clock = { now: () => new Date(startedAt + performance.now()) };
const folder = new FolderMailer(environment.MAILBOX_DIR, clock, {
  from: "ExitMatch <notifications@exitmatch.co.uk>",
  onDelivered: (email: Email) => process.stdout.write(`delivered ${email.idempotencyKey}\n`),
});
const slowToAcknowledge: Mailer = {
  async send(email) {
    await folder.send(email);
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.ACK_DELAY_MS ?? 0)));
  },
};
const { prisma } = createDatabaseClient(environment.DATABASE_URL);
const config = appConfigFrom(environment);
startOutboxDispatcher(
  {
    prisma,
    mailer: slowToAcknowledge,
    clock,
    logger: { warn: (object, message) => process.stderr.write(`${message} ${JSON.stringify(object)}\n`) },
    ...messageDelivery(config),
    eventHandlers: EVENT_HANDLERS,
    notificationEmails: config,
  },
  { intervalMs: 100, batchSize: 5, leaseMs: Number(process.env.LEASE_MS) },
);
process.stdout.write("dispatcher running\n");
// Kept alive by the database pool; stopped only by a signal.
setInterval(() => {}, 60_000);
