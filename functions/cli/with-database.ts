// Runs a command with DIRECT_URL and DATABASE_URL pointing at the local database: the one
// the environment names, or the embedded PostgreSQL (started for the command, or shared with
// a running `npm start`). The `db:*` npm scripts use it so they work with no set-up.
import { spawn } from "node:child_process";
import { loadEnvironment } from "../config/environment.ts";
import { openDatabaseForCommand } from "../db/local-database.ts";
import { runCli } from "./run-cli.ts";

const USAGE = `
Usage: tsx functions/cli/with-database.ts <command> [args...]

Runs <command> with DATABASE_URL and DIRECT_URL set. With no DATABASE_URL in the
environment, the embedded PostgreSQL in EMBEDDED_POSTGRES_DIR (default .data/postgres) is
started for the command and stopped after it, or shared if \`npm start\` is running it.

Example: tsx functions/cli/with-database.ts prisma migrate status
`;

await runCli(USAGE, async (args) => {
  if (args.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const database = await openDatabaseForCommand(loadEnvironment());
  try {
    const [command, ...commandArgs] = args as [string, ...string[]];
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(command, commandArgs, {
        stdio: "inherit",
        env: { ...process.env, DATABASE_URL: database.databaseUrl, DIRECT_URL: database.directUrl },
      });
      // Pass Ctrl-C and termination on to the command, let it finish, then stop the database.
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
      child.on("error", reject);
      child.on("close", (code) => resolve(code ?? 1));
    });
  } finally {
    await database.embedded?.stop();
  }
});
