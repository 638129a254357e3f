// `npm run ops -- <command>`: operating the database (docs/operations.md). Each command is a
// file in ./ops/; this file reads the command line and runs one.
import { parseArgs } from "node:util";
import { loadEnvironment } from "../config/environment.ts";
import { openDatabaseForCommand } from "../db/local-database.ts";
import { backupStoreFor, DEFAULT_BACKUP_LOCATION } from "../ops/backup-location.ts";
import { UnknownTableError } from "../ops/maintenance.ts";
import { PgToolError } from "../ops/pg-tools.ts";
import { RestoreRefusedError } from "../ops/restore-backup.ts";
import { backup } from "./ops/backup.ts";
import { backupList } from "./ops/backup-list.ts";
import { backupRotate } from "./ops/backup-rotate.ts";
import { backupVerify } from "./ops/backup-verify.ts";
import { health } from "./ops/health.ts";
import { maintenance } from "./ops/maintenance.ts";
import { EXIT, type OpsCommand, UsageError } from "./ops/ops-command.ts";
import { OPS_OPTIONS } from "./ops/ops-options.ts";
import { restore } from "./ops/restore.ts";
import { runCli } from "./run-cli.ts";

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

const COMMANDS: Record<string, OpsCommand> = {
  health,
  maintenance,
  backup,
  "backup list": backupList,
  "backup rotate": backupRotate,
  "backup verify": backupVerify,
  restore,
};

/** Failures the operator can act on: a message and an exit code, not a stack trace. */
function exitCodeFor(error: unknown): number | undefined {
  if (error instanceof PgToolError) return EXIT.missingTool;
  if (error instanceof RestoreRefusedError || error instanceof UnknownTableError) return EXIT.failed;
  return undefined;
}

await runCli(
  USAGE,
  async (argv) => {
    let parsed: ReturnType<typeof parseArgs<{ options: typeof OPS_OPTIONS; allowPositionals: true }>>;
    try {
      parsed = parseArgs({ args: argv, options: OPS_OPTIONS, allowPositionals: true });
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}`);
      return EXIT.usage;
    }
    const { values, positionals } = parsed;
    const twoWords = positionals.slice(0, 2).join(" ");
    const name = twoWords in COMMANDS ? twoWords : positionals[0];
    const command = name ? COMMANDS[name] : undefined;
    if (!command) {
      process.stderr.write(`${name ? `Unknown command: ${positionals.join(" ")}\n` : ""}${USAGE}`);
      return EXIT.usage;
    }
    const say = (message: string) => process.stdout.write(`${message}\n`);
    if (values.help) {
      say(command.usage.trim());
      return EXIT.ok;
    }

    const environment = loadEnvironment();
    const store = backupStoreFor(
      values.location ?? environment.BACKUP_LOCATION ?? DEFAULT_BACKUP_LOCATION,
      environment,
    );
    const database = command.needsDatabase ? await openDatabaseForCommand(environment) : undefined;
    try {
      return await command.run({
        values,
        environment,
        store,
        url: database?.directUrl ?? "",
        say,
        progress: (message) => process.stderr.write(`${message}\n`),
      });
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\n${command.usage.trim()}\n`);
        return EXIT.usage;
      }
      const code = exitCodeFor(error);
      if (code === undefined) throw error;
      process.stderr.write(`Error: ${(error as Error).message}\n`);
      return code;
    } finally {
      await database?.embedded?.stop();
    }
  },
  { subcommands: true },
);
