import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Mailer } from "../auth/mailer.ts";
import type { Clock } from "../clock/clock.ts";
import { dispatchEvents } from "../events/dispatch-events.ts";
import type { EventHandler } from "../events/event-handlers.ts";
import { dispatchOutbox, type MessagePreparer } from "./dispatch-outbox.ts";

interface Logger {
  warn(object: object, message?: string): void;
}

/**
 * Runs the outbox dispatcher (events first, since they may lead to messages, then messages) inside a long-lived process (`npm start`): a batch every
 * `intervalMs`, at once again while batches come back full. A failing round (the database
 * restarting) is logged and the next one tries again; nothing here can stop the process. In the
 * cloud a scheduled function calls dispatchOutbox instead (functions/jobs/outbox-handler.ts).
 */
export function startOutboxDispatcher(
  deps: {
    prisma: PrismaClient;
    mailer: Mailer;
    clock: Clock;
    logger: Logger;
    preparers: Record<string, MessagePreparer>;
    eventHandlers: Record<string, EventHandler>;
  },
  options: { intervalMs?: number; batchSize?: number } = {},
) {
  const intervalMs = options.intervalMs ?? 1000;
  const batchSize = options.batchSize ?? 20;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const round = async () => {
    try {
      for (;;) {
        const events = await dispatchEvents({ ...deps, handlers: deps.eventHandlers }, { batchSize });
        const messages = await dispatchOutbox(deps, { batchSize });
        const eventsLeft = events.handled + events.requeued + events.retrying + events.dead >= batchSize;
        const messagesLeft = messages.sent + messages.retrying + messages.dead >= batchSize;
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
