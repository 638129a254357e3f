import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Mailer } from "../auth/mailer.ts";
import type { Clock } from "../clock/clock.ts";
import { dispatchOutbox, type MessagePreparer } from "./dispatch-outbox.ts";

interface Logger {
  warn(object: object, message?: string): void;
}

/**
 * Runs the outbox dispatcher inside a long-lived process (`npm start`): a batch every
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
        const result = await dispatchOutbox(deps, { batchSize });
        if (stopped || result.sent + result.retrying + result.dead < batchSize) break;
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
