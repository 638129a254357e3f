import type pg from "pg";
import { type AuditSealingHealth, auditSealingHealth } from "./audit-sealing-health.ts";
import {
  type BloatedTable,
  type BlockedSession,
  bloatedTables,
  blockedSessions,
  type ConnectionUse,
  connectionUse,
  type DatabaseSize,
  databaseSize,
  type IndexUse,
  indexUse,
  type LongRunningQuery,
  longRunningQueries,
  type SlowestStatements,
  slowestStatements,
  type TableSize,
  tableSizes,
} from "./health-checks.ts";
import { type OutboxHealth, outboxHealth } from "./outbox-health.ts";

export interface HealthReport {
  database: DatabaseSize;
  tables: TableSize[];
  indexes: IndexUse[];
  /** Tables whose dead rows are over 20% of live ones (and over 1,000): VACUUM is behind. */
  bloat: BloatedTable[];
  connections: ConnectionUse;
  longRunning: LongRunningQuery[];
  blockedLocks: BlockedSession[];
  slowQueries: SlowestStatements;
  /** The e-mail outbox: waiting and dead messages (functions/outbox/). */
  outbox: OutboxHealth;
  /** How far the audit sealer is behind (functions/audit/seal-audit-chain.ts). */
  auditSealing: AuditSealingHealth;
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
 * bloat, connections against max_connections, long queries, blocked locks, slowest statements,
 * the e-mail outbox. Each check is a function of health-checks.ts; this puts them together.
 */
export async function healthReport(
  client: pg.ClientBase,
  options: { longRunningSeconds?: number } = {},
): Promise<HealthReport> {
  // Sizes take a share lock per table: behind an exclusive lock (a migration, say), give up
  // after a few seconds rather than hang the health check.
  await client.query("SET lock_timeout = '5s'");
  const database = await databaseSize(client);
  const tables = await tableSizes(client);
  const indexes = await indexUse(client);
  const bloat = bloatedTables(tables);
  const connections = await connectionUse(client);
  const longRunning = await longRunningQueries(client, options.longRunningSeconds ?? LONG_RUNNING_SECONDS);
  const blockedLocks = await blockedSessions(client);
  const slowQueries = await slowestStatements(client, HOW_TO_ENABLE_PG_STAT_STATEMENTS);
  const { outbox, problems: outboxProblems } = await outboxHealth(client);
  const { auditSealing, problems: sealingProblems } = await auditSealingHealth(client);
  const problems = [
    ...bloat.map(
      (entry) =>
        `${entry.table}: ${entry.deadRows} dead rows (${entry.deadPercent}% of live): run maintenance --vacuum`,
    ),
    ...(connections.percent >= CONNECTION_WARNING_PERCENT
      ? [
          `connections: ${connections.used} of ${connections.max} in use (${connections.percent}%): check the pool sizes`,
        ]
      : []),
    ...longRunning.map(
      (query) => `pid ${query.pid}: ${query.state} for ${query.seconds} s: ${query.query.slice(0, 80)}`,
    ),
    ...blockedLocks.map(
      (lock) => `pid ${lock.pid} waits ${lock.seconds} s on a lock held by ${lock.blockedBy.join(", ")}`,
    ),
    ...outboxProblems,
    ...sealingProblems,
  ];
  return {
    database,
    tables,
    indexes,
    bloat,
    connections,
    longRunning,
    blockedLocks,
    slowQueries,
    outbox,
    auditSealing,
    problems,
  };
}
