import type pg from "pg";
import { rowsWaitingForSealerSql } from "../audit/rows-waiting-for-sealer.ts";

/** How far the audit sealer (migration audit_chain_sealed_in_batches) is behind the writers. */
export interface AuditSealingHealth {
  /** Audit rows written and committed but not yet chained. */
  unsealedRows: number;
  /** The oldest unsealed row's age in seconds (since its transaction began); 0 when none wait. */
  oldestUnsealedSeconds: number;
  /** Seconds since the sealer last chained anything; null if it never has. */
  lastSealedSecondsAgo: number | null;
  /** The same sealer's other chain (migration activity_chain_sealed_in_batches): activity rows waiting. */
  activity: { unsealedRows: number; oldestUnsealedSeconds: number };
}

/** The sealer runs every second: a row waiting this long means it is not running (or failing). */
const LATE_SECONDS = 10;

export async function auditSealingHealth(
  client: pg.ClientBase,
): Promise<{ auditSealing: AuditSealingHealth; problems: string[] }> {
  const row = (
    await client.query<{
      unsealed: number;
      oldest: number;
      last_sealed: number | null;
      activity_unsealed: number;
      activity_oldest: number;
    }>(
      `SELECT audit.rows AS unsealed, audit.oldest, activity.rows AS activity_unsealed, activity.oldest AS activity_oldest,
              (SELECT extract(epoch FROM now() - sealed_at)::float8 FROM audit_chain WHERE id = 1) AS last_sealed
         FROM (${rowsWaitingForSealerSql("audit_logs")}) audit, (${rowsWaitingForSealerSql("activity_logs")}) activity`,
    )
  ).rows[0]!;
  const seconds = (value: number) => Math.max(0, Math.round(value * 10) / 10);
  const auditSealing = {
    unsealedRows: row.unsealed,
    oldestUnsealedSeconds: seconds(row.oldest),
    lastSealedSecondsAgo: row.last_sealed === null ? null : Math.max(0, Math.round(row.last_sealed)),
    activity: { unsealedRows: row.activity_unsealed, oldestUnsealedSeconds: seconds(row.activity_oldest) },
  };
  const problems: string[] = [];
  for (const [name, waiting] of [
    ["audit", auditSealing],
    ["activity", auditSealing.activity],
  ] as const) {
    if (waiting.oldestUnsealedSeconds > LATE_SECONDS) {
      problems.push(
        `${name} sealing: ${waiting.unsealedRows} ${name} rows wait to be chained, the oldest for ${waiting.oldestUnsealedSeconds} s: is the sealer running?`,
      );
    }
  }
  return { auditSealing, problems };
}
