// `npm run ops -- <command>`: operating the database (docs/operations.md).
import { parseArgs } from "node:util";
import pg from "pg";
import { loadEnvironment } from "../config/environment.ts";
import { openDatabaseForCommand } from "../db/local-database.ts";
import { reportJob } from "../jobs/job-report.ts";
import { backupStoreFor, DEFAULT_BACKUP_LOCATION } from "../ops/backup-location.ts";
import { DEFAULT_RETENTION, planRotation } from "../ops/backup-rotation.ts";
import { createBackup } from "../ops/create-backup.ts";
import { healthReport } from "../ops/health-report.ts";
import { MAINTENANCE_TASKS, type MaintenanceTask, runMaintenance, UnknownTableError } from "../ops/maintenance.ts";
import { PgToolError } from "../ops/pg-tools.ts";
import {
  listBackups,
  RestoreRefusedError,
  type RestoreResult,
  restoreBackup,
  verifyNewestBackup,
} from "../ops/restore-backup.ts";
import { runCli } from "./run-cli.ts";

/** Exit codes scripts can rely on. */
const EXIT = { ok: 0, failed: 1, usage: 2, missingTool: 3 } as const;

const USAGE = `
Usage: npm run ops -- <command> [options]        (npm run ops -- <command> --help for more)

  health                 sizes, index use, bloat, connections, long queries, locks, slowest statements,
                         e-mail outbox (pending and dead messages)
  maintenance            ANALYZE, VACUUM ANALYZE, REINDEX (CONCURRENTLY) per table or everywhere
  backup                 pg_dump of the database or of --table <name>..., compressed, named by date
  backup list            the backups in the location, newest last
  backup rotate          keep 7 daily, 4 weekly, 12 monthly backups; --dry-run shows what would go
  backup verify          restore the newest backup into a temporary database and compare every table
  restore --into <db>    restore a backup into a database (refuses a non-empty or production one)

Exit codes: 0 ok; 1 failed (problems found, differences, refused); 2 bad usage;
3 a PostgreSQL client tool is missing or too old (the message says what to install).
Database: DIRECT_URL, else DATABASE_URL, else the embedded PostgreSQL. Backups go to
--location, else BACKUP_LOCATION, else ${DEFAULT_BACKUP_LOCATION} (a folder, or s3://bucket/prefix).
`;

const COMMAND_USAGE: Record<string, string> = {
  health: `
Usage: npm run ops -- health [--json] [--enable-statements]

Prints database and table sizes (the guide's query), index use and unused indexes, tables whose
dead rows outgrow their live ones, connections against max_connections, queries running over
60 s, sessions waiting on locks, and the 10 slowest statements from pg_stat_statements (or how
to enable it). Exits 1 when something needs attention, so cron or CI can alert.
--enable-statements  CREATE EXTENSION pg_stat_statements first (needs it preloaded: the
                     embedded server preloads it)
--json               the report as JSON`,
  maintenance: `
Usage: npm run ops -- maintenance [--analyze] [--vacuum] [--reindex] [--table <name>]...

--analyze  ANALYZE: refresh planner statistics (the default when no task is given)
--vacuum   VACUUM (ANALYZE): reclaim dead rows, then refresh statistics
--reindex  REINDEX TABLE CONCURRENTLY (plain REINDEX before PostgreSQL 12): rebuild bloated indexes
--table    only these tables (repeatable); default every table. Prints each step as it goes.`,
  backup: `
Usage: npm run ops -- backup [--table <name>]... [--location <folder|s3://bucket/prefix>]

pg_dump in custom format (compressed), of the whole database or only the named tables, to
<database>-<UTC time>Z[-tables].dump plus a .json manifest: SHA-256 of the dump, the applied
migrations, and every table's row count and checksum read in the dump's own snapshot.
Needs pg_dump of the server's major version or newer.`,
  "backup list": `
Usage: npm run ops -- backup list [--location <folder|s3://bucket/prefix>]`,
  "backup rotate": `
Usage: npm run ops -- backup rotate [--dry-run] [--daily 7] [--weekly 4] [--monthly 12] [--location ...]

Keeps the newest backup of each of the last 7 days that have one, of the last 4 ISO weeks and
of the last 12 months (UTC); removes the rest (dump and manifest). --dry-run lists what would go.`,
  "backup verify": `
Usage: npm run ops -- backup verify [--location <folder|s3://bucket/prefix>]

Restores the newest full backup into a temporary database on the same server, compares every
table's row count and checksum with the manifest (the source as dumped), drops the temporary
database. Exits 1 and names each table that differs.`,
  restore: `
Usage: npm run ops -- restore --into <database> [--backup <file.dump>] [--overwrite] [--production] [--location ...]

Restores the newest full backup (or --backup) into <database> on the server, creating it if
needed, then checks every table against the manifest. Refuses a database that has tables
unless --overwrite (it is dropped and recreated), and a production database (NODE_ENV=production
or a name containing "prod") unless --production as well.`,
};

const OPTIONS = {
  json: { type: "boolean" },
  "enable-statements": { type: "boolean" },
  analyze: { type: "boolean" },
  vacuum: { type: "boolean" },
  reindex: { type: "boolean" },
  table: { type: "string", multiple: true },
  location: { type: "string" },
  "dry-run": { type: "boolean" },
  daily: { type: "string" },
  weekly: { type: "string" },
  monthly: { type: "string" },
  into: { type: "string" },
  backup: { type: "string" },
  overwrite: { type: "boolean" },
  production: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** A command line that does not make sense; printed with the command's usage, exit code 2. */
class UsageError extends Error {}

const say = (message: string) => process.stdout.write(`${message}\n`);
const progress = (message: string) => process.stderr.write(`${message}\n`);

function printRestore(result: RestoreResult, verb: string) {
  say(
    `${verb} ${result.backup.dump} into ${result.database}: ${result.tables} tables, ${result.rows} rows, ${result.seconds.toFixed(1)} s`,
  );
  if (result.differences.length === 0) say("Every table matches the backup's manifest (row counts and checksums).");
  else for (const difference of result.differences) say(`DIFFERS ${difference}`);
}

await runCli(
  USAGE,
  async (argv) => {
    let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}`);
      return EXIT.usage;
    }
    const { values, positionals } = parsed;
    const command =
      positionals.slice(0, 2).join(" ") in COMMAND_USAGE ? positionals.slice(0, 2).join(" ") : positionals[0];
    if (!command || !(command in COMMAND_USAGE)) {
      process.stderr.write(`${command ? `Unknown command: ${positionals.join(" ")}\n` : ""}${USAGE}`);
      return EXIT.usage;
    }
    if (values.help) {
      say(COMMAND_USAGE[command]!.trim());
      return EXIT.ok;
    }
    const count = (name: "daily" | "weekly" | "monthly") => {
      const value = values[name] === undefined ? DEFAULT_RETENTION[name] : Number(values[name]);
      if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} must be a whole number`);
      return value;
    };

    const environment = loadEnvironment();
    const location = values.location ?? environment.BACKUP_LOCATION ?? DEFAULT_BACKUP_LOCATION;
    const store = backupStoreFor(location, environment);
    const needsDatabase = !["backup list", "backup rotate"].includes(command);
    const database = needsDatabase ? await openDatabaseForCommand(environment) : undefined;
    const url = database?.directUrl ?? "";
    try {
      switch (command) {
        case "health": {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            if (values["enable-statements"]) await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            const report = await healthReport(client);
            if (values.json) say(JSON.stringify(report, null, 2));
            else printHealth(report);
            return report.problems.length === 0 ? EXIT.ok : EXIT.failed;
          } finally {
            await client.end();
          }
        }
        case "maintenance": {
          const tasks = MAINTENANCE_TASKS.filter((task) => values[task]);
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            const steps = await runMaintenance(client, {
              tasks: tasks.length > 0 ? tasks : (["analyze"] as MaintenanceTask[]),
              tables: values.table ?? [],
              onStep: (step, index, total) => progress(`[${index}/${total}] ${step.sql} (${step.ms} ms)`),
            });
            say(`Done: ${steps.length} steps, ${steps.reduce((sum, step) => sum + step.ms, 0)} ms.`);
            return EXIT.ok;
          } finally {
            await client.end();
          }
        }
        case "backup": {
          const result = await createBackup({ url, store, tables: values.table ?? [], onProgress: progress });
          const rows = Object.values(result.manifest.tableChecksums).reduce((sum, table) => sum + table.rows, 0);
          say(
            `Backed up ${result.manifest.database} (${Object.keys(result.manifest.tableChecksums).length} tables, ${rows} rows) ` +
              `to ${store.location}/${result.name.dump}: ${(result.manifest.dumpBytes / 1e6).toFixed(1)} MB in ${result.seconds.toFixed(1)} s`,
          );
          // The scheduled backup (infra/backups.ts) reports success as a metric for its alarm.
          if (process.env.EXITMATCH_REPORT_JOB) reportJob(process.env.EXITMATCH_REPORT_JOB, true);
          return EXIT.ok;
        }
        case "backup list": {
          const files = new Map((await store.list()).map((file) => [file.name, file.bytes]));
          const backups = await listBackups(store);
          for (const backup of backups) {
            say(`${backup.dump}  ${backup.kind}  ${((files.get(backup.dump) ?? 0) / 1e6).toFixed(1)} MB`);
          }
          if (backups.length === 0) say(`No backups in ${store.location}.`);
          return EXIT.ok;
        }
        case "backup rotate": {
          const plan = planRotation(await listBackups(store), {
            daily: count("daily"),
            weekly: count("weekly"),
            monthly: count("monthly"),
          });
          for (const { backup, reasons } of plan.keep) say(`keep    ${backup.dump} (${reasons.join(", ")})`);
          for (const backup of plan.remove) {
            say(`${values["dry-run"] ? "would remove" : "remove"}  ${backup.dump}`);
            if (!values["dry-run"]) {
              await store.remove(backup.manifest);
              await store.remove(backup.dump);
            }
          }
          say(`${plan.keep.length} kept, ${plan.remove.length} ${values["dry-run"] ? "would be " : ""}removed.`);
          return EXIT.ok;
        }
        case "backup verify": {
          const result = await verifyNewestBackup({ serverUrl: url, store, onProgress: progress });
          printRestore(result, "Verified");
          return result.differences.length === 0 ? EXIT.ok : EXIT.failed;
        }
        case "restore": {
          if (!values.into) throw new UsageError("restore needs --into <database>");
          const result = await restoreBackup({
            serverUrl: url,
            database: values.into,
            store,
            ...(values.backup ? { backup: values.backup } : {}),
            overwrite: values.overwrite ?? false,
            production: values.production ?? false,
            nodeEnv: environment.NODE_ENV,
            onProgress: progress,
          });
          printRestore(result, "Restored");
          return result.differences.length === 0 ? EXIT.ok : EXIT.failed;
        }
      }
      return EXIT.usage;
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\n${COMMAND_USAGE[command]!.trim()}\n`);
        return EXIT.usage;
      }
      if (error instanceof PgToolError) {
        process.stderr.write(`Error: ${error.message}\n`);
        return EXIT.missingTool;
      }
      if (error instanceof RestoreRefusedError || error instanceof UnknownTableError) {
        process.stderr.write(`Error: ${error.message}\n`);
        return EXIT.failed;
      }
      throw error;
    } finally {
      await database?.embedded?.stop();
    }
  },
  { subcommands: true },
);

function printHealth(report: Awaited<ReturnType<typeof healthReport>>) {
  say(`Database ${report.database.name}: ${report.database.size}`);
  say(`Connections: ${report.connections.used} of ${report.connections.max} (${report.connections.percent}%)`);
  say("\nLargest tables:");
  for (const table of report.tables.slice(0, 10)) {
    say(`  ${table.table.padEnd(24)} ${table.size.padStart(10)}  ${table.rows} rows, ${table.deadRows} dead`);
  }
  const unused = report.indexes.filter((index) => index.unused);
  say(`\nUnused indexes (never scanned since statistics were reset): ${unused.length}`);
  for (const index of unused.slice(0, 15)) say(`  ${index.index} on ${index.table} (${index.size})`);
  say(
    `\nLong-running queries (over 60 s): ${report.longRunning.length}; sessions waiting on locks: ${report.blockedLocks.length}`,
  );
  say(
    `\nOutbox: ${report.outbox.pending} pending (oldest ${report.outbox.oldestPendingSeconds} s late), ${report.outbox.dead} dead`,
  );
  if (report.slowQueries.available) {
    say("\nSlowest statements (mean time, pg_stat_statements):");
    for (const query of report.slowQueries.queries) {
      say(
        `  ${String(query.meanMs).padStart(9)} ms x ${query.calls}  ${query.query.replace(/\s+/g, " ").slice(0, 100)}`,
      );
    }
  } else {
    say(`\n${report.slowQueries.howToEnable}`);
  }
  say(
    report.problems.length === 0
      ? "\nNo problems found."
      : `\nNeeds attention:\n${report.problems.map((p) => `  - ${p}`).join("\n")}`,
  );
}
