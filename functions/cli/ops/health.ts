import { type HealthReport, healthReport } from "../../ops/health-report.ts";
import { EXIT, type OpsCommand } from "./ops-command.ts";
import { withPgClient } from "./with-pg-client.ts";

export const health: OpsCommand = {
  usage: `
Usage: npm run ops -- health [--json] [--enable-statements]

Prints database and table sizes (the guide's query), index use and unused indexes, tables whose
dead rows outgrow their live ones, connections against max_connections, queries running over
60 s, sessions waiting on locks, and the 10 slowest statements from pg_stat_statements (or how
to enable it). Exits 1 when something needs attention, so cron or CI can alert.
--enable-statements  CREATE EXTENSION pg_stat_statements first (needs it preloaded: the
                     embedded server preloads it)
--json               the report as JSON`,
  needsDatabase: true,
  run: ({ url, values, say }) =>
    withPgClient(url, async (client) => {
      if (values["enable-statements"]) await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      const report = await healthReport(client);
      if (values.json) say(JSON.stringify(report, null, 2));
      else for (const line of healthText(report)) say(line);
      return report.problems.length === 0 ? EXIT.ok : EXIT.failed;
    }),
};

/** The report for a person to read. */
function healthText(report: HealthReport): string[] {
  const lines = [
    `Database ${report.database.name}: ${report.database.size}`,
    `Connections: ${report.connections.used} of ${report.connections.max} (${report.connections.percent}%)`,
    "\nLargest tables:",
    ...report.tables
      .slice(0, 10)
      .map(
        (table) => `  ${table.table.padEnd(24)} ${table.size.padStart(10)}  ${table.rows} rows, ${table.deadRows} dead`,
      ),
  ];
  const unused = report.indexes.filter((index) => index.unused);
  lines.push(`\nUnused indexes (never scanned since statistics were reset): ${unused.length}`);
  lines.push(...unused.slice(0, 15).map((index) => `  ${index.index} on ${index.table} (${index.size})`));
  lines.push(
    `\nLong-running queries (over 60 s): ${report.longRunning.length}; sessions waiting on locks: ${report.blockedLocks.length}`,
    `\nOutbox: ${report.outbox.pending} pending (oldest ${report.outbox.oldestPendingSeconds} s late), ${report.outbox.dead} dead`,
    `Audit sealing: ${report.auditSealing.unsealedRows} rows waiting (oldest ${report.auditSealing.oldestUnsealedSeconds} s), ` +
      `last sealed ${report.auditSealing.lastSealedSecondsAgo === null ? "never" : `${report.auditSealing.lastSealedSecondsAgo} s ago`}`,
    `Activity sealing: ${report.auditSealing.activity.unsealedRows} rows waiting (oldest ${report.auditSealing.activity.oldestUnsealedSeconds} s)`,
  );
  if (report.slowQueries.available) {
    lines.push("\nSlowest statements (mean time, pg_stat_statements):");
    lines.push(
      ...report.slowQueries.queries.map(
        (query) =>
          `  ${String(query.meanMs).padStart(9)} ms x ${query.calls}  ${query.query.replace(/\s+/g, " ").slice(0, 100)}`,
      ),
    );
  } else {
    lines.push(`\n${report.slowQueries.howToEnable}`);
  }
  lines.push(
    report.problems.length === 0
      ? "\nNo problems found."
      : `\nNeeds attention:\n${report.problems.map((problem) => `  - ${problem}`).join("\n")}`,
  );
  return lines;
}
