import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCommand } from "../support/run-command.ts";

const TIMEOUTS = "SET LOCAL lock_timeout = '2s';\nSET LOCAL statement_timeout = '30s';\n";

async function migrations(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "exitmatch-lint-"));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(folder, path, ".."), { recursive: true });
    await writeFile(join(folder, path), text);
  }
  return folder;
}

const lint = (folder: string) => runCommand("functions/cli/lint-migrations.ts", [folder], {});

describe("migration lint (squawk, configured for the guide's dangerous operations)", () => {
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  it("passes this repository's migrations (with their reviewed exceptions)", async () => {
    const result = await runCommand("functions/cli/lint-migrations.ts", [], {});
    expect(result.output).toMatch(/\d+ migrations linted: clean\./);
    expect(result.code).toBe(0);
  });

  it.each([
    [
      "adding NOT NULL to an existing column",
      'ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL;',
      "adding-not-nullable-field",
    ],
    ["changing a column type", 'ALTER TABLE "users" ALTER COLUMN "role" TYPE text;', "changing-column-type"],
    ["dropping a table", 'DROP TABLE "matches";', "ban-drop-table"],
    ["dropping a column", 'ALTER TABLE "users" DROP COLUMN "image";', "ban-drop-column"],
    [
      "adding a unique constraint",
      'ALTER TABLE "users" ADD CONSTRAINT "users_phone_key" UNIQUE ("phone");',
      "disallowed-unique-constraint",
    ],
    [
      "an index without CONCURRENTLY",
      'CREATE INDEX "users_name_idx" ON "users" ("name");',
      "require-concurrent-index-creation",
    ],
  ])("fails %s", async (_label, statement, rule) => {
    const folder = await migrations({ "20270101000000_change/migration.sql": `${TIMEOUTS}${statement}\n` });
    folders.push(folder);
    const result = await lint(folder);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`: ${rule}: `);
  });

  it("fails a migration without lock and statement timeouts", async () => {
    const folder = await migrations({
      "20270101000000_add/migration.sql": 'ALTER TABLE "users" ADD COLUMN "nickname" TEXT;\n',
    });
    folders.push(folder);
    const result = await lint(folder);
    expect(result.code).toBe(1);
    expect(result.output).toContain(": require-lock-timeout: ");
    expect(result.output).toContain(": require-statement-timeout: ");
  });

  it("passes the safe two-step way to a required column: nullable and backfilled, then required", async () => {
    const folder = await migrations({
      "20270101000000_add_nickname/migration.sql":
        `${TIMEOUTS}ALTER TABLE "users" ADD COLUMN "nickname" TEXT;\n` +
        `ALTER TABLE "users" ADD CONSTRAINT "users_nickname_not_null" CHECK ("nickname" IS NOT NULL) NOT VALID;\n` +
        `UPDATE "users" SET "nickname" = "name" WHERE "nickname" IS NULL;\n`,
      "20270102000000_require_nickname/migration.sql":
        `${TIMEOUTS}ALTER TABLE "users" VALIDATE CONSTRAINT "users_nickname_not_null";\n` +
        `ALTER TABLE "users" ALTER COLUMN "nickname" SET NOT NULL;\n` +
        `ALTER TABLE "users" DROP CONSTRAINT "users_nickname_not_null";\n`,
    });
    folders.push(folder);
    const result = await lint(folder);
    expect(result.output).toContain("2 migrations linted: clean.");
    expect(result.code).toBe(0);
  });

  it("accepts a reviewed exception with a reason, and rejects one without a reason or that matches nothing", async () => {
    const dangerous = `${TIMEOUTS}DROP TABLE "matches";\n`;
    const reviewed = await migrations({
      "20270101000000_drop/migration.sql": dangerous,
      "20270101000000_drop/lint-exceptions.json": JSON.stringify({
        "ban-drop-table": "matches are recomputed from profiles; no client has read the table since v2.",
      }),
    });
    const unexplained = await migrations({
      "20270101000000_drop/migration.sql": dangerous,
      "20270101000000_drop/lint-exceptions.json": JSON.stringify({ "ban-drop-table": "ok" }),
    });
    const stale = await migrations({
      "20270101000000_add/migration.sql": `${TIMEOUTS}ALTER TABLE "users" ADD COLUMN "nickname" TEXT;\n`,
      "20270101000000_add/lint-exceptions.json": JSON.stringify({
        "ban-drop-table": "left over from an earlier draft of this migration, which dropped a table.",
      }),
    });
    folders.push(reviewed, unexplained, stale);
    expect((await lint(reviewed)).code).toBe(0);
    const noReason = await lint(unexplained);
    expect([noReason.code, noReason.output]).toEqual([1, expect.stringContaining('"ban-drop-table" needs a reason')]);
    const leftOver = await lint(stale);
    expect([leftOver.code, leftOver.output]).toEqual([
      1,
      expect.stringContaining('"ban-drop-table" no longer matches anything'),
    ]);
  });
});
