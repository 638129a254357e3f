import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Clock } from "../clock/clock.ts";
import { runWithDatabaseSession } from "../db/database-session.ts";
import { claimDueRows, recordFailedAttempt } from "../outbox/leased-claims.ts";

/**
 * What happens after commit for one kind of event, given the subject's id and the dispatcher's
 * "now" (the handlers are wired in functions/runtime/event-handlers.ts).
 */
export type EventHandler = (prisma: PrismaClient, subjectId: string, now: Date) => Promise<unknown>;

interface ClaimedEvent {
  id: string;
  kind: string;
  subject_id: string;
  version: number;
  attempts: number;
}

export interface EventDispatchResult {
  handled: number;
  /** Changed again while handled: left pending, to run again. */
  requeued: number;
  retrying: number;
  dead: number;
}

/**
 * Handles one batch of due events. Each is claimed with a lease (two dispatchers never handle one
 * at once), handled, then deleted at the version it was claimed at: if its subject changed again
 * meanwhile, the event stays and runs again. Handlers are idempotent (they recompute from the
 * current state), so a dispatcher dying mid-way only means the next one does the work again. A
 * failure is retried with back-off; after MAX_DELIVERY_ATTEMPTS the event is dead.
 */
export async function dispatchEvents(
  deps: { prisma: PrismaClient; clock: Clock; handlers: Record<string, EventHandler> },
  options: { batchSize?: number | undefined; leaseMs?: number | undefined } = {},
): Promise<EventDispatchResult> {
  const { prisma, clock } = deps;
  const now = clock.now();
  const claimed = await claimDueRows<ClaimedEvent>(
    prisma,
    "outbox_events",
    "id::text, kind, subject_id::text, version, attempts",
    { now, ...options },
  );

  const result: EventDispatchResult = { handled: 0, requeued: 0, retrying: 0, dead: 0 };
  for (const event of claimed) {
    try {
      const handle = deps.handlers[event.kind];
      if (!handle) throw new Error(`No handler for events of kind ${event.kind}.`);
      await runWithDatabaseSession({ system: true, requestId: `event:${event.id}` }, () =>
        handle(prisma, event.subject_id, clock.now()),
      );
      const finished = await prisma.$executeRaw`
        DELETE FROM outbox_events WHERE id = ${event.id}::uuid AND version = ${event.version}`;
      if (finished === 0) {
        await prisma.$executeRaw`
          UPDATE outbox_events SET leased_until = NULL, attempts = 0 WHERE id = ${event.id}::uuid`;
        result.requeued += 1;
      } else {
        result.handled += 1;
      }
    } catch (error) {
      result[await recordFailedAttempt(prisma, "outbox_events", event, error, clock.now())] += 1;
    }
  }
  return result;
}
