import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import type pg from "pg";

const run = promisify(execFile);

/** A PostgreSQL client program is missing or too old; the message says what to install. */
export class PgToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PgToolError";
  }
}

export type PgTool = "pg_dump" | "pg_restore";

function installHint(major: number): string {
  return (
    `install the PostgreSQL ${major} client tools (Debian/Ubuntu: apt-get install postgresql-client-${major}, ` +
    `or postgresql-client where that is ${major}+; macOS: brew install libpq) or point PG_BIN_DIR at them`
  );
}

/** Where a program is: PG_BIN_DIR when set, otherwise the first match on PATH. */
function locate(tool: PgTool): string | undefined {
  const directories = [process.env.PG_BIN_DIR, ...(process.env.PATH ?? "").split(delimiter)].filter(
    (directory): directory is string => Boolean(directory),
  );
  return directories.map((directory) => join(directory, tool)).find((candidate) => existsSync(candidate));
}

/**
 * The path of pg_dump or pg_restore, checked against the server's major version: pg_dump
 * refuses a server newer than itself, and an older pg_restore cannot read a newer dump.
 * Throws a one-line PgToolError saying what to install.
 */
export async function findPgTool(tool: PgTool, serverMajor: number): Promise<{ path: string; major: number }> {
  const path = locate(tool);
  if (!path) throw new PgToolError(`${tool} was not found: ${installHint(serverMajor)}.`);
  const { stdout } = await run(path, ["--version"]);
  const version = /(\d+)(?:\.(\d+))?/.exec(stdout);
  const major = Number(version?.[1]);
  if (!major)
    throw new PgToolError(`${path} --version printed "${stdout.trim()}", not a version: ${installHint(serverMajor)}.`);
  if (major < serverMajor) {
    throw new PgToolError(
      `${tool} ${version![0]} is older than the server (PostgreSQL ${serverMajor}): ${installHint(serverMajor)}.`,
    );
  }
  return { path, major };
}

/** The server's version: its major (15 for 15.10), its number (150010) and its text. */
export async function serverVersionOf(client: pg.ClientBase): Promise<{ major: number; num: number; version: string }> {
  const { rows } = await client.query<{ num: string; version: string }>(
    "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version",
  );
  const num = Number(rows[0]!.num);
  return { major: Math.floor(num / 10000), num, version: rows[0]!.version };
}
