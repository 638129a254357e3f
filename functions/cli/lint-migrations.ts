// `npm run lint:migrations`: every migration through squawk (.squawk.toml), minus the reviewed
// exceptions written next to each migration (lint-exceptions.json). Runs in `npm run check`.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { runCli } from "./run-cli.ts";

const run = promisify(execFile);

const USAGE = `
Usage: npm run lint:migrations [-- <migrations folder>]

Lints every <folder>/*/migration.sql (default prisma/migrations) with squawk, configured in
.squawk.toml for the guide's dangerous operations. A deliberate exception is a
lint-exceptions.json beside the migration: { "<rule>": "<why it is safe here>" }. Exceptions
need a reason, and one that no longer matches anything is an error too (stale).

Exit codes: 0 clean, 1 violations (each printed with squawk's advice), 2 bad usage.
`;

interface Violation {
  file: string;
  line: number;
  column: number;
  message: string;
  help?: string;
  rule_name: string;
}

const REPO_ROOT = resolve(import.meta.dirname, "../..");
const SQUAWK = resolve(REPO_ROOT, "node_modules/.bin/squawk");

await runCli(USAGE, async (args) => {
  const folder = resolve(args[0] ?? join(REPO_ROOT, "prisma/migrations"));
  if (!existsSync(folder)) {
    process.stderr.write(`No such folder: ${folder}\n`);
    return 2;
  }
  const migrations = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  const files = migrations.map((name) => join(folder, name, "migration.sql"));
  // squawk exits 1 when it finds anything; its JSON report is on stdout either way.
  const { stdout } = await run(SQUAWK, ["--config", join(REPO_ROOT, ".squawk.toml"), "--reporter", "json", ...files], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    if (error.stdout?.trim().startsWith("[")) return { stdout: error.stdout };
    throw new Error(`squawk failed: ${error.stderr ?? error}`);
  });
  const violations = JSON.parse(stdout || "[]") as Violation[];

  const problems: string[] = [];
  for (const name of migrations) {
    const exceptionsFile = join(folder, name, "lint-exceptions.json");
    const exceptions: Record<string, string> = existsSync(exceptionsFile)
      ? JSON.parse(readFileSync(exceptionsFile, "utf8"))
      : {};
    const mine = violations.filter((violation) => resolve(violation.file) === join(folder, name, "migration.sql"));
    for (const [rule, reason] of Object.entries(exceptions)) {
      if (typeof reason !== "string" || reason.trim().length < 20) {
        problems.push(
          `${relative(REPO_ROOT, exceptionsFile)}: "${rule}" needs a reason (a sentence on why it is safe)`,
        );
      }
      if (!mine.some((violation) => violation.rule_name === rule)) {
        problems.push(`${relative(REPO_ROOT, exceptionsFile)}: "${rule}" no longer matches anything; remove it`);
      }
    }
    for (const violation of mine.filter((v) => !(v.rule_name in exceptions))) {
      problems.push(
        `${relative(REPO_ROOT, violation.file)}:${violation.line + 1}:${violation.column + 1}: ${violation.rule_name}: ` +
          `${violation.message}${violation.help ? `\n    help: ${violation.help}` : ""}`,
      );
    }
  }
  for (const problem of problems) process.stdout.write(`${problem}\n`);
  process.stdout.write(
    problems.length === 0
      ? `${migrations.length} migrations linted: clean.\n`
      : `${problems.length} problems in ${migrations.length} migrations. Make the migration safe, or add a reviewed exception.\n`,
  );
  return problems.length === 0 ? 0 : 1;
});
