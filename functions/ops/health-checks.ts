import type pg from "pg";

// One query per check of the health report (health-report.ts), each returning its part of it.

export interface DatabaseSize {
  name: string;
  bytes: number;
  size: string;
}
export interface TableSize {
  table: string;
  size: string;
  bytes: number;
  rows: number;
  deadRows: number;
  lastAutovacuum: string | null;
}
export interface IndexUse {
  index: string;
  table: string;
  scans: number;
  size: string;
  unused: boolean;
}
export interface BloatedTable {
  table: string;
  deadRows: number;
  liveRows: number;
  deadPercent: number;
}
export interface ConnectionUse {
  used: number;
  max: number;
  percent: number;
  byState: Record<string, number>;
}
export interface LongRunningQuery {
  pid: number;
  seconds: number;
  state: string;
  query: string;
}
export interface BlockedSession {
  pid: number;
  blockedBy: number[];
  seconds: number;
  query: string;
}
export type SlowestStatements =
  | { available: true; queries: { query: string; calls: number; meanMs: number; totalMs: number }[] }
  | { available: false; howToEnable: string };

export async function databaseSize(client: pg.ClientBase): Promise<DatabaseSize> {
  const row = (
    await client.query<{ name: string; bytes: string; size: string }>(
      `SELECT current_database() AS name, pg_database_size(current_database()) AS bytes,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    )
  ).rows[0]!;
  return { name: row.name, bytes: Number(row.bytes), size: row.size };
}

/** The guide's table-size query, with live and dead rows from the statistics collector. */
export async function tableSizes(client: pg.ClientBase): Promise<TableSize[]> {
  const { rows } = await client.query<{
    table: string;
    size: string;
    bytes: string;
    rows: string;
    dead: string;
    vacuumed: Date | null;
  }>(
    `SELECT t.tablename AS table,
            pg_size_pretty(pg_total_relation_size(quote_ident(t.schemaname) || '.' || quote_ident(t.tablename))) AS size,
            pg_total_relation_size(quote_ident(t.schemaname) || '.' || quote_ident(t.tablename)) AS bytes,
            coalesce(s.n_live_tup, 0) AS rows, coalesce(s.n_dead_tup, 0) AS dead,
            greatest(s.last_autovacuum, s.last_vacuum) AS vacuumed
     FROM pg_tables t LEFT JOIN pg_stat_user_tables s ON s.schemaname = t.schemaname AND s.relname = t.tablename
     WHERE t.schemaname = 'public'
     ORDER BY pg_total_relation_size(quote_ident(t.schemaname) || '.' || quote_ident(t.tablename)) DESC`,
  );
  return rows.map((row) => ({
    table: row.table,
    size: row.size,
    bytes: Number(row.bytes),
    rows: Number(row.rows),
    deadRows: Number(row.dead),
    lastAutovacuum: row.vacuumed?.toISOString() ?? null,
  }));
}

/**
 * Index scans and sizes. Unused: never scanned since statistics were reset, and not backing a
 * primary key or unique constraint (those enforce rules even when no query reads them).
 */
export async function indexUse(client: pg.ClientBase): Promise<IndexUse[]> {
  const { rows } = await client.query<{ index: string; table: string; scans: string; size: string; unique: boolean }>(
    `SELECT s.indexrelname AS index, s.relname AS table, s.idx_scan AS scans,
            pg_size_pretty(pg_relation_size(s.indexrelid)) AS size, i.indisunique AS unique
     FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
     WHERE s.schemaname = 'public' ORDER BY s.idx_scan, pg_relation_size(s.indexrelid) DESC`,
  );
  return rows.map((row) => ({
    index: row.index,
    table: row.table,
    scans: Number(row.scans),
    size: row.size,
    unused: Number(row.scans) === 0 && !row.unique,
  }));
}

/** Tables whose dead rows are over 20% of live ones (and over 1,000): VACUUM is behind. */
export function bloatedTables(tables: TableSize[]): BloatedTable[] {
  return tables
    .filter((table) => table.deadRows > 1000 && table.deadRows > table.rows * 0.2)
    .map((table) => ({
      table: table.table,
      deadRows: table.deadRows,
      liveRows: table.rows,
      deadPercent: Math.round((100 * table.deadRows) / Math.max(table.rows, 1)),
    }));
}

export async function connectionUse(client: pg.ClientBase): Promise<ConnectionUse> {
  const { rows } = await client.query<{ state: string | null; n: number; max: number }>(
    `SELECT coalesce(state, 'background') AS state, count(*)::int AS n,
            current_setting('max_connections')::int AS max
     FROM pg_stat_activity GROUP BY 1`,
  );
  const used = rows.reduce((sum, row) => sum + row.n, 0);
  const max = rows[0]?.max ?? 0;
  return {
    used,
    max,
    percent: Math.round((100 * used) / Math.max(max, 1)),
    byState: Object.fromEntries(rows.map((row) => [row.state ?? "background", row.n])),
  };
}

/** Client sessions busy for longer than `seconds` (in one transaction or one query). */
export async function longRunningQueries(client: pg.ClientBase, seconds: number): Promise<LongRunningQuery[]> {
  const { rows } = await client.query<{ pid: number; seconds: number; state: string; query: string }>(
    `SELECT pid, extract(epoch FROM now() - coalesce(xact_start, query_start))::int AS seconds, state,
            left(query, 200) AS query
     FROM pg_stat_activity
     WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'
       AND now() - coalesce(xact_start, query_start) > make_interval(secs => $1)
     ORDER BY seconds DESC`,
    [seconds],
  );
  return rows;
}

/** Sessions waiting on a lock, and whom they wait for. */
export async function blockedSessions(client: pg.ClientBase): Promise<BlockedSession[]> {
  const { rows } = await client.query<{ pid: number; blocked_by: number[]; seconds: number; query: string }>(
    `SELECT pid, pg_blocking_pids(pid) AS blocked_by,
            extract(epoch FROM now() - query_start)::int AS seconds, left(query, 200) AS query
     FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0`,
  );
  return rows.map((row) => ({ pid: row.pid, blockedBy: row.blocked_by, seconds: row.seconds, query: row.query }));
}

/** The 10 slowest statements by mean time, when pg_stat_statements is there (else how to enable it). */
export async function slowestStatements(client: pg.ClientBase, howToEnable: string): Promise<SlowestStatements> {
  const installed = (await client.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'")).rowCount;
  if (!installed) return { available: false, howToEnable };
  try {
    const { rows } = await client.query<{ query: string; calls: string; mean: number; total: number }>(
      `SELECT left(query, 200) AS query, calls, mean_exec_time AS mean, total_exec_time AS total
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       ORDER BY mean_exec_time DESC LIMIT 10`,
    );
    return {
      available: true,
      queries: rows.map((row) => ({
        query: row.query,
        calls: Number(row.calls),
        meanMs: Math.round(row.mean * 100) / 100,
        totalMs: Math.round(row.total),
      })),
    };
  } catch {
    // Created but not preloaded: reading it raises; the hint says what is missing.
    return { available: false, howToEnable };
  }
}
