import type pg from "pg";

export interface QueueHealth {
  pending: number;
  /** How long the oldest pending entry has waited past its due time, in seconds. */
  oldestPendingSeconds: number;
  /** Entries given up on after their last attempt. */
  dead: number;
}

export interface OutboxHealth extends QueueHealth {
  /** After-commit events (matches recomputed): functions/events/. */
  events: QueueHealth;
}

/** A pending entry this late means the dispatcher is not running (or cannot deliver). */
const LATE_SECONDS = 300;

async function queueHealth(client: pg.ClientBase, table: "outbox_messages" | "outbox_events"): Promise<QueueHealth> {
  const row = (
    await client.query<{ pending: number; dead: number; oldest: number | null }>(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE status = 'DEAD')::int AS dead,
              extract(epoch FROM now() - min(next_attempt_at) FILTER (WHERE status = 'PENDING'))::int AS oldest
       FROM ${table}`,
    )
  ).rows[0]!;
  return { pending: row.pending, dead: row.dead, oldestPendingSeconds: Math.max(0, row.oldest ?? 0) };
}

function problemsOf(queue: QueueHealth, table: string, what: string): string[] {
  const problems: string[] = [];
  if (queue.dead > 0) {
    problems.push(`${queue.dead} ${what} are dead (every attempt failed): read last_error in ${table}`);
  }
  if (queue.oldestPendingSeconds > LATE_SECONDS) {
    problems.push(
      `the oldest pending ${what.replace(/s$/, "")} is ${queue.oldestPendingSeconds} s late: is the dispatcher running?`,
    );
  }
  return problems;
}

/** The outbox's state (messages and events) and what in it needs attention (functions/outbox/). */
export async function outboxHealth(client: pg.ClientBase): Promise<{ outbox: OutboxHealth; problems: string[] }> {
  const messages = await queueHealth(client, "outbox_messages");
  const events = await queueHealth(client, "outbox_events");
  return {
    outbox: { ...messages, events },
    problems: [
      ...problemsOf(messages, "outbox_messages", "outbox messages"),
      ...problemsOf(events, "outbox_events", "outbox events"),
    ],
  };
}
