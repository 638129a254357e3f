import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Clock } from "../clock/clock.ts";
import { runDealDeadlines } from "../deals/run-deal-deadlines.ts";
import type { EventHandler } from "../events/dispatch-events.ts";
import { dispatchEvents } from "../events/dispatch-events.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { NotificationEmailConfig } from "../notifications/notification-emails.ts";
import { remindPendingInquiries } from "../notifications/remind-pending-inquiries.ts";
import { sendDailyDigests } from "../notifications/send-daily-digests.ts";
import { type DeliveryPolicy, dispatchOutbox, type MessagePreparer } from "../outbox/dispatch-outbox.ts";

interface Logger {
  warn(object: object, message?: string): void;
}

/**
 * How often daily digests, inquiry reminders and deal deadlines (offers expiring, exclusivity
 * released or ending soon) are looked for (each happens once whatever this is).
 */
const PERIODIC_CHECK_MS = 60_000;

/**
 * Runs the outbox dispatcher inside a long-lived process (`npm start`): a round every
 * `intervalMs`, at once again while batches come back full. A round handles events first (they
 * may lead to notifications), writes inquiry reminders, runs the deals' deadlines and queues the
 * daily digests when due
 * (checked once a minute), then delivers messages. A failing round (the database restarting) is logged and the next one tries
 * again; nothing here can stop the process. In the cloud a scheduled function does the same
 * (functions/jobs/outbox-handler.ts).
 */
export function startOutboxDispatcher(
  deps: {
    prisma: PrismaClient;
    mailer: Mailer;
    clock: Clock;
    logger: Logger;
    preparers: Record<string, MessagePreparer>;
    policy: DeliveryPolicy;
    eventHandlers: Record<string, EventHandler>;
    notificationEmails: NotificationEmailConfig;
  },
  options: { intervalMs?: number; batchSize?: number; leaseMs?: number } = {},
) {
  const intervalMs = options.intervalMs ?? 1000;
  const batchSize = options.batchSize ?? 20;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let periodicCheckedAt = Number.NEGATIVE_INFINITY;

  const round = async () => {
    try {
      for (;;) {
        const events = await dispatchEvents(
          { ...deps, handlers: deps.eventHandlers },
          { batchSize, leaseMs: options.leaseMs },
        );
        if (deps.clock.now().getTime() - periodicCheckedAt >= PERIODIC_CHECK_MS) {
          await remindPendingInquiries(deps, deps.clock.now());
          await runDealDeadlines(deps, deps.clock.now());
          await sendDailyDigests({ prisma: deps.prisma, config: deps.notificationEmails }, deps.clock.now());
          periodicCheckedAt = deps.clock.now().getTime();
        }
        const messages = await dispatchOutbox(deps, { batchSize, leaseMs: options.leaseMs });
        const eventsLeft = events.handled + events.requeued + events.retrying + events.dead >= batchSize;
        const messagesLeft = messages.sent + messages.cancelled + messages.retrying + messages.dead >= batchSize;
        if (stopped || (!eventsLeft && !messagesLeft)) break;
      }
    } catch (error) {
      deps.logger.warn({ err: error, event: "outbox_dispatch_failed" }, "outbox dispatch failed; retrying");
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    /** Stops after the round in progress, if any. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
