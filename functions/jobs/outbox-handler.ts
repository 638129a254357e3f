// The outbox dispatcher as a function a scheduler calls (every minute in the cloud): handles due
// events (matches recomputed, notifications written), reminds sellers of waiting inquiries, runs
// the deals' deadlines (offers expiring, exclusivity released or ending soon),
// queues the daily digests when due, and delivers due messages through SES until none are left
// or the time budget is spent, and reports what it did.
import { type Clock, systemClock } from "../clock/clock.ts";
import { appConfigFrom } from "../config/app-config.ts";
import { loadEnvironment } from "../config/environment.ts";
import { linkedEnvironment } from "../config/linked-resources.ts";
import { createDatabaseClient } from "../db/prisma-client.ts";
import { runDealDeadlines } from "../deals/run-deal-deadlines.ts";
import { dispatchEvents } from "../events/dispatch-events.ts";
import { createMailer } from "../mail/create-mailer.ts";
import { remindPendingInquiries } from "../notifications/remind-pending-inquiries.ts";
import { sendDailyDigests } from "../notifications/send-daily-digests.ts";
import { dispatchOutbox } from "../outbox/dispatch-outbox.ts";
import { EVENT_HANDLERS } from "../runtime/event-handlers.ts";
import { messageDelivery } from "../runtime/message-delivery.ts";
import { runReported } from "./job-report.ts";

/** Stops starting new batches after this long, well inside a one-minute schedule. */
const TIME_BUDGET_MS = 40_000;

export function createOutboxHandler(clock: Clock) {
  return () =>
    runReported("outbox", async () => {
      const environment = loadEnvironment(linkedEnvironment());
      const config = appConfigFrom(environment);
      const mailer = createMailer(environment, clock);
      const { prisma } = createDatabaseClient(environment.DATABASE_URL, { maxConnections: 2 });
      const deps = { prisma, mailer, clock, ...messageDelivery(config) };
      const started = performance.now();
      const totals = {
        sent: 0,
        cancelled: 0,
        retrying: 0,
        dead: 0,
        events: 0,
        reminders: 0,
        offersExpired: 0,
        exclusivitiesReleased: 0,
        exclusivityReminders: 0,
        digests: 0,
      };
      try {
        // Events first (recomputing matches, notifying), then reminders and digests, then the messages.
        while (performance.now() - started < TIME_BUDGET_MS) {
          const events = await dispatchEvents({ ...deps, handlers: EVENT_HANDLERS }, { batchSize: 50 });
          totals.events += events.handled + events.requeued;
          totals.retrying += events.retrying;
          totals.dead += events.dead;
          if (events.handled + events.requeued + events.retrying + events.dead < 50) break;
        }
        totals.reminders = (await remindPendingInquiries({ prisma }, clock.now())).reminded;
        const deadlines = await runDealDeadlines({ prisma }, clock.now());
        totals.offersExpired = deadlines.expired;
        totals.exclusivitiesReleased = deadlines.released;
        totals.exclusivityReminders = deadlines.reminded;
        totals.digests = (await sendDailyDigests({ prisma, config }, clock.now())).digests;
        while (performance.now() - started < TIME_BUDGET_MS) {
          const result = await dispatchOutbox(deps, { batchSize: 50 });
          totals.sent += result.sent;
          totals.cancelled += result.cancelled;
          totals.retrying += result.retrying;
          totals.dead += result.dead;
          if (result.sent + result.cancelled + result.retrying + result.dead < 50) break;
        }
        console.log(JSON.stringify({ event: "outbox_dispatched", ...totals }));
        return totals;
      } finally {
        await prisma.$disconnect();
      }
    });
}

export const handler = createOutboxHandler(systemClock);
