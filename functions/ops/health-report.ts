import type pg from "pg";
import { type OutboxHealth, outboxHealth } from "./outbox-health.ts";

export interface HealthReport {
  database: { name: string; bytes: number; size: string };
  tables: {
    table: string;
    size: string;
    bytes: number;
    rows: number;
    deadRows: number;
    lastAutovacuum: string | null;
  }[];
  indexes: { index: string; table: string; scans: number; size: string; unused: boolean }[];
  /** Tables whose dead rows are over 20% of live ones (and over 1,000): VACUUM is behind. */
  bloat: { table: string; deadRows: number; liveRows: number; deadPercent: number }[];
  connections: { used: number; max: number; percent: number; byState: Record<string, number> };
  longRunning: { pid: number; seconds: number; state: string; query: string }[];
  blockedLocks: { pid: number; blockedBy: number[]; seconds: number; query: string }[];
  slowQueries:
    | { available: true; queries: { query: string; calls: number; meanMs: number; totalMs: number }[] }
    | { available: false; howToEnable: string };
  /** The e-mail outbox: waiting and dead messages (functions/outbox/). */
  outbox: OutboxHealth;
  /** What needs attention, one line each; empty when healthy. */
  problems: string[];
}

export const HOW_TO_ENABLE_PG_STAT_STATEMENTS =
  "pg_stat_statements is not enabled. Self-managed: add shared_preload_libraries = 'pg_stat_statements' " +
  "to postgresql.conf, restart PostgreSQL, then run CREATE EXTENSION pg_stat_statements; in this database. " +
  "Neon: run CREATE EXTENSION pg_stat_statements; (the library is preloaded). " +
  "Embedded (npm start): the library is preloaded; run `npm run ops -- health --enable-statements` once.";

const LONG_RUNNING_SECONDS = 60;
const CONNECTION_WARNING_PERCENT = 80;

/**
 * The guide's health checks and the ones operators reach for next: sizes, index use, dead-row
 * bloat, connections against max_connections, long queries, blocked locks, slowest statements.
 */
export async function healthReport(
  client: pg.ClientBase,
  options: { longRunningSeconds?: number } = {},
): Promise<HealthReport> {
  const longRunningSeconds = options.longRunningSeconds ?? LONG_RUNNING_SECONDS;
  const problems: string[] = [];
  // Sizes take a share lock per table: behind an exclusive lock (a migration, say), give up
  // after a few seconds rather than hang the health check.
  await client.query("SET lock_timeout = '5s'");
  const database = (
    await client.query<{ name: string; bytes: string; size: string }>(
      `SELECT current_database() AS name, pg_database_size(current_database()) AS bytes,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    )
  ).rows[0]!;

  // The guide's table-size query, with live and dead rows from the statistics collector.
  const tables = (
    await client.query<{
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
    )
  ).rows.map((row) => ({
    table: row.table,
    size: row.size,
    bytes: Number(row.bytes),
    rows: Number(row.rows),
    deadRows: Number(row.dead),
    lastAutovacuum: row.vacuumed?.toISOString() ?? null,
  }));

  // Unused: never scanned since statistics were reset, and not backing a primary key or unique
  // constraint (those enforce rules even when no query reads them).
  const indexes = (
    await client.query<{ index: string; table: string; scans: string; size: string; unique: boolean }>(
      `SELECT s.indexrelname AS index, s.relname AS table, s.idx_scan AS scans,
              pg_size_pretty(pg_relation_size(s.indexrelid)) AS size, i.indisunique AS unique
       FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
       WHERE s.schemaname = 'public' ORDER BY s.idx_scan, pg_relation_size(s.indexrelid) DESC`,
    )
  ).rows.map((row) => ({
    index: row.index,
    table: row.table,
    scans: Number(row.scans),
    size: row.size,
    unused: Number(row.scans) === 0 && !row.unique,
  }));

  const bloat = tables
    .filter((table) => table.deadRows > 1000 && table.deadRows > table.rows * 0.2)
    .map((table) => ({
      table: table.table,
      deadRows: table.deadRows,
      liveRows: table.rows,
      deadPercent: Math.round((100 * table.deadRows) / Math.max(table.rows, 1)),
    }));
  for (const entry of bloat) {
    problems.push(
      `${entry.table}: ${entry.deadRows} dead rows (${entry.deadPercent}% of live): run maintenance --vacuum`,
    );
  }

  const connectionRows = (
    await client.query<{ state: string | null; n: number; max: number }>(
      `SELECT coalesce(state, 'background') AS state, count(*)::int AS n,
              current_setting('max_connections')::int AS max
       FROM pg_stat_activity GROUP BY 1`,
    )
  ).rows;
  const used = connectionRows.reduce((sum, row) => sum + row.n, 0);
  const max = connectionRows[0]?.max ?? 0;
  const connections = {
    used,
    max,
    percent: Math.round((100 * used) / Math.max(max, 1)),
    byState: Object.fromEntries(connectionRows.map((row) => [row.state ?? "background", row.n])),
  };
  if (connections.percent >= CONNECTION_WARNING_PERCENT) {
    problems.push(`connections: ${used} of ${max} in use (${connections.percent}%): check the pool sizes`);
  }

  const longRunning = (
    await client.query<{ pid: number; seconds: number; state: string; query: string }>(
      `SELECT pid, extract(epoch FROM now() - coalesce(xact_start, query_start))::int AS seconds, state,
              left(query, 200) AS query
       FROM pg_stat_activity
       WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'
         AND now() - coalesce(xact_start, query_start) > make_interval(secs => $1)
       ORDER BY seconds DESC`,
      [longRunningSeconds],
    )
  ).rows;
  for (const query of longRunning) {
    problems.push(`pid ${query.pid}: ${query.state} for ${query.seconds} s: ${query.query.slice(0, 80)}`);
  }

  const blockedLocks = (
    await client.query<{ pid: number; blocked_by: number[]; seconds: number; query: string }>(
      `SELECT pid, pg_blocking_pids(pid) AS blocked_by,
              extract(epoch FROM now() - query_start)::int AS seconds, left(query, 200) AS query
       FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0`,
    )
  ).rows.map((row) => ({ pid: row.pid, blockedBy: row.blocked_by, seconds: row.seconds, query: row.query }));
  for (const lock of blockedLocks) {
    problems.push(`pid ${lock.pid} waits ${lock.seconds} s on a lock held by ${lock.blockedBy.join(", ")}`);
  }

  const hasStatements = (await client.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'"))
    .rowCount;
  let slowQueries: HealthReport["slowQueries"] = { available: false, howToEnable: HOW_TO_ENABLE_PG_STAT_STATEMENTS };
  if (hasStatements) {
    try {
      const { rows } = await client.query<{ query: string; calls: string; mean: number; total: number }>(
        `SELECT left(query, 200) AS query, calls, mean_exec_time AS mean, total_exec_time AS total
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         ORDER BY mean_exec_time DESC LIMIT 10`,
      );
      slowQueries = {
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
    }
  }

  const { outbox, problems: outboxProblems } = await outboxHealth(client);
  problems.push(...outboxProblems);

  return {
    database: { name: database.name, bytes: Number(database.bytes), size: database.size },
    tables,
    indexes,
    bloat,
    connections,
    longRunning,
    blockedLocks,
    slowQueries,
    outbox,
    problems,
  };
}
