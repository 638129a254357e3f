/** The logs the sealer chains (migrations audit_chain_sealed_in_batches, activity_chain_sealed_in_batches). */
export type ChainedLogTable = "audit_logs" | "activity_logs";

/**
 * How many rows of a chained log are committed but not yet chained (`rows`), and how long the
 * oldest has waited, in seconds since its transaction began, 0 when none wait (`oldest`).
 * Verification counts them (it checks only what is sealed); ops health reports them.
 */
export function rowsWaitingForSealerSql(table: ChainedLogTable): string {
  return `SELECT count(*)::int AS rows, coalesce(extract(epoch FROM now() - min(occurred_at)), 0)::float8 AS oldest
            FROM ${table} WHERE chain_position IS NULL`;
}
