// The migrator as it ships (issue 12): bundled as `sst deploy` bundles it, copied beside its
// files, and run in a fresh Node process that has no node_modules anywhere above it, against
// real databases: an empty one gets every migration; a broken migration fails the invocation
// with PostgreSQL's error (which fails the deploy).
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationNamesIn } from "../../functions/db/migration-names.ts";
import { bundleFunction } from "../../infra/lib/lambda-bundle.ts";
import { createEmptyDatabase, type TestDatabase } from "../support/test-database.ts";
import { ROOT } from "./support/evaluated-stages.ts";

/** Invokes the bundled handler as Lambda would: a fresh process, the task root as cwd. */
async function invoke(taskRoot: string, bundle: string, directUrl: string) {
  const script = `const { handler } = await import(${JSON.stringify(bundle)});
    const result = await handler({ migrationsHash: "test" });
    process.stdout.write("RESULT " + JSON.stringify(result) + "\\n");`;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      cwd: taskRoot,
      // Nothing from this repository's environment: no NODE_PATH, no node_modules to fall back on.
      env: { PATH: process.env.PATH, LAMBDA_TASK_ROOT: taskRoot, DIRECT_URL: directUrl, NODE_ENV: "production" },
    });
    return { ok: true, stdout, stderr };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string };
    return { ok: false, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the migrator's Lambda bundle", () => {
  let taskRoot: string;
  let bundle: string;
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    taskRoot = mkdtempSync(join(tmpdir(), "exitmatch-migrator-"));
    bundle = await bundleFunction("migrator", "functions/jobs/migrator-handler.ts", taskRoot, ROOT);
  }, 60_000);
  afterAll(async () => {
    for (const db of databases) await db.drop();
    rmSync(taskRoot, { recursive: true, force: true });
  });

  it("holds only the code, the schema engine's wasm and the migrations: no node_modules anywhere", () => {
    expect(existsSync(join(taskRoot, "schema_engine_bg.wasm"))).toBe(true);
    expect(migrationNamesIn(join(taskRoot, "prisma/migrations"))).toEqual(
      migrationNamesIn(join(ROOT, "prisma/migrations")),
    );
    for (let dir = taskRoot; dir !== dirname(dir); dir = dirname(dir)) {
      expect(existsSync(join(dir, "node_modules")), dir).toBe(false);
    }
  });

  it("applies every migration to an empty database and logs what it applied", async () => {
    const db = await createEmptyDatabase();
    databases.push(db);
    const run = await invoke(taskRoot, bundle, db.url);
    expect(run.stderr).toBe("");
    expect(run.ok).toBe(true);
    const result = JSON.parse(
      run.stdout
        .split("\n")
        .find((line) => line.startsWith("RESULT "))!
        .slice(7),
    );
    const expected = migrationNamesIn(join(ROOT, "prisma/migrations"));
    expect(result).toMatchObject({ event: "migrations_applied", migrationsHash: "test", applied: expected });
    expect(run.stdout).toContain('"event":"migrations_applied"');
    expect(run.stdout).toContain('"JobSucceeded":1');
    const applied = await db.query<{ name: string }>(
      "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
    );
    expect(applied.map((row) => row.name)).toEqual(expected);

    // A second deploy with the same migrations applies nothing.
    const again = await invoke(taskRoot, bundle, db.url);
    expect(again.ok).toBe(true);
    expect(again.stdout).toContain('"applied":[]');
  });

  it("fails the invocation with PostgreSQL's error when a migration is broken", async () => {
    const broken = mkdtempSync(join(tmpdir(), "exitmatch-migrator-broken-"));
    try {
      cpSync(taskRoot, broken, { recursive: true });
      const folder = join(broken, "prisma/migrations/29991231000000_broken");
      mkdirSync(folder);
      writeFileSync(join(folder, "migration.sql"), "ALTER TABLE no_such_table ADD COLUMN x integer;\n");
      const db = await createEmptyDatabase();
      databases.push(db);
      const run = await invoke(broken, join(broken, "functions/jobs/migrator-handler.mjs"), db.url);
      expect(run.ok).toBe(false);
      expect(run.stderr).toContain('relation "no_such_table" does not exist');
      expect(run.stdout).not.toContain("RESULT");
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
