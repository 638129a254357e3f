import type pg from "pg";

/**
 * Waits until `count` other sessions of the holder's database wait on a lock: for race tests
 * that hold a row lock, start competing requests, and must know they are queued behind it
 * before letting go.
 *
 * The holder asks from inside its transaction, where PostgreSQL would keep showing the first
 * pg_stat_activity it read until the transaction ends: each look clears that snapshot first.
 */
export async function waitForLockWaiters(holder: pg.Client, count: number): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    await holder.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await holder.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0]!.waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Fewer than ${count} sessions ever waited on the lock.`);
}
