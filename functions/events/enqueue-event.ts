import type { Prisma } from "../../generated/prisma/client.ts";

/** The events there are, each with the id of what it is about. */
export type EventKind = "listing.changed" | "buyer-profile.changed" | "buyer.changed";

/**
 * Records, in the caller's transaction, that `subjectId` changed: the event's handler runs after
 * commit (dispatch-events.ts), and only if the change commits. A subject already waiting keeps
 * one pending event whose version rises, so a burst of edits costs one recompute, and a handler
 * that read the state before this change runs again.
 */
export async function enqueueEvent(
  tx: Pick<Prisma.TransactionClient, "$executeRaw">,
  kind: EventKind,
  subjectId: string,
  now: Date,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO outbox_events (id, kind, subject_id, next_attempt_at, created_at)
    VALUES (gen_random_uuid(), ${kind}, ${subjectId}::uuid, ${now}, ${now})
    ON CONFLICT (kind, subject_id) WHERE status = 'PENDING'
    DO UPDATE SET version = outbox_events.version + 1, next_attempt_at = least(outbox_events.next_attempt_at, excluded.next_attempt_at)`;
}
