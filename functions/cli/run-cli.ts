import { loadEnvFile } from "../config/load-env-file.ts";
import { FieldDecryptionError } from "../crypto/field-cipher.ts";
import { describeConnectionError } from "../db/connection-error.ts";
import { EmbeddedPostgresBusyError, EmbeddedPostgresVersionError } from "../db/embedded-postgres.ts";
import { ConfigError } from "../errors/config-error.ts";

/** Errors whose message is the whole story: printed as one line, no stack. */
const EXPECTED_ERRORS = [ConfigError, EmbeddedPostgresBusyError, EmbeddedPostgresVersionError, FieldDecryptionError];

/**
 * Runs a command's main function: `--help` prints the usage, expected failures print one line,
 * and the exit code says whether it worked (0 ok, 1 failed, 2 bad usage). A main that returns
 * undefined keeps running (a server). Exits explicitly: embedded-postgres installs exit hooks
 * (async-exit-hook) that would otherwise turn a failure's exit code into 0.
 */
export async function runCli(
  usage: string,
  main: (args: string[]) => Promise<number | undefined>,
  options: { subcommands?: boolean } = {},
) {
  const args = process.argv.slice(2);
  // With subcommands, `<command> --help` is the command's own help; only a leading --help is ours.
  const wantsHelp = options.subcommands
    ? args[0] === "--help" || args[0] === "-h"
    : args.includes("--help") || args.includes("-h");
  if (wantsHelp) {
    process.stdout.write(`${usage.trim()}\n`);
    return;
  }
  try {
    loadEnvFile();
    const code = await main(args);
    if (code !== undefined) process.exit(code);
  } catch (error) {
    const expected = EXPECTED_ERRORS.some((type) => error instanceof type);
    const connection = describeConnectionError(error);
    process.stderr.write(
      `Error: ${connection ?? (expected ? (error as Error).message : ((error as Error)?.stack ?? String(error)))}\n`,
    );
    process.exit(1);
  }
}
