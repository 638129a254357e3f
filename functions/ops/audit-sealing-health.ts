import type pg from "pg";

/** How far the audit sealer (migration audit_chain_sealed_in_batches) is behind the writers. */
export interface AuditSealingHealth {
  /** Audit rows written and committed but not yet chained. */
  unsealedRows: number;
  /** The oldest unsealed row's age in seconds (since its transaction began); 0 when none wait. */
  oldestUnsealedSeconds: number;
  /** Seconds since the sealer last chained anything; null if it never has. */
  lastSealedSecondsAgo: number | null;
}

/** The sealer runs every second: a row waiting this long means it is not running (or failing). */
const LATE_SECONDS = 10;

export async function auditSealingHealth(
  client: pg.ClientBase,
): Promise<{ auditSealing: AuditSealingHealth; problems: string[] }> {
  const row = (
    await client.query<{ unsealed: number; oldest: number; last_sealed: number | null }>(
      `SELECT (SELECT count(*)::int FROM audit_logs WHERE chain_position IS NULL) AS unsealed,
              (SELECT coalesce(extract(epoch FROM now() - min(occurred_at)), 0)::float8
                 FROM audit_logs WHERE chain_position IS NULL) AS oldest,
              (SELECT extract(epoch FROM now() - sealed_at)::float8 FROM audit_chain WHERE id = 1) AS last_sealed`,
    )
  ).rows[0]!;
  const auditSealing = {
    unsealedRows: row.unsealed,
    oldestUnsealedSeconds: Math.max(0, Math.round(row.oldest * 10) / 10),
    lastSealedSecondsAgo: row.last_sealed === null ? null : Math.max(0, Math.round(row.last_sealed)),
  };
  const problems =
    auditSealing.oldestUnsealedSeconds > LATE_SECONDS
      ? [
          `audit sealing: ${auditSealing.unsealedRows} audit rows wait to be chained, the oldest for ${auditSealing.oldestUnsealedSeconds} s: is the sealer running?`,
        ]
      : [];
  return { auditSealing, problems };
}
