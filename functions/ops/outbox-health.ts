import type pg from "pg";

export interface OutboxHealth {
  pending: number;
  /** How long the oldest pending message has waited past its due time, in seconds. */
  oldestPendingSeconds: number;
  /** Messages given up on after their last attempt. */
  dead: number;
}

/** A pending message this late means the dispatcher is not running (or cannot deliver). */
const LATE_SECONDS = 300;

/** The outbox's state and what in it needs attention (functions/outbox/). */
export async function outboxHealth(client: pg.ClientBase): Promise<{ outbox: OutboxHealth; problems: string[] }> {
  const row = (
    await client.query<{ pending: number; dead: number; oldest: number | null }>(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE status = 'DEAD')::int AS dead,
              extract(epoch FROM now() - min(next_attempt_at) FILTER (WHERE status = 'PENDING'))::int AS oldest
       FROM outbox_messages`,
    )
  ).rows[0]!;
  const outbox = { pending: row.pending, dead: row.dead, oldestPendingSeconds: Math.max(0, row.oldest ?? 0) };
  const problems: string[] = [];
  if (outbox.dead > 0) {
    problems.push(
      `${outbox.dead} outbox messages are dead (every delivery attempt failed): read last_error in outbox_messages`,
    );
  }
  if (outbox.oldestPendingSeconds > LATE_SECONDS) {
    problems.push(
      `the oldest pending outbox message is ${outbox.oldestPendingSeconds} s late: is the dispatcher running?`,
    );
  }
  return { outbox, problems };
}
