// The standard Prisma CLI, driven through the wasm schema engine (prisma/engine), against real
// PostgreSQL. Nothing here is mocked: these are the commands developers and deploys run.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { appendFile, cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDatabaseName } from "../../functions/db/database-url.ts";
import { createScratchProject, REPO_ROOT, runPrisma, type ScratchProject } from "../support/prisma-cli.ts";
import { createEmptyDatabase, onServer, serverUrl, type TestDatabase } from "../support/test-database.ts";

const shadowDatabases = async () =>
  (
    await onServer<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'",
    )
  ).map((row) => row.datname);

describe("prisma CLI on the wasm schema engine", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createEmptyDatabase();
  });
  afterAll(() => db.drop());

  it("reports the wasm engine as its schema engine", async () => {
    const result = await runPrisma(["-v"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Schema Engine\s+: schema-engine-cli [0-9a-f]{40} \(wasm, exitmatch\)/);
  });

  it("deploys every migration to an empty database, with the native engine's checksums", async () => {
    const result = await runPrisma(["migrate", "deploy"], { directUrl: db.url });
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain("All migrations have been successfully applied.");

    const folders = (await readdir(join(REPO_ROOT, "prisma/migrations"), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const applied = await db.query<{ migration_name: string; checksum: string }>(
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
    );
    expect(applied.map((row) => row.migration_name)).toEqual(folders);
    for (const row of applied) {
      const sql = await readFile(join(REPO_ROOT, "prisma/migrations", row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    }
  });

  it("reports the database up to date", async () => {
    const result = await runPrisma(["migrate", "status"], { directUrl: db.url });
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain("Database schema is up to date!");
  });

  it("finds no drift between the migrations and the schema, and no drift in the database", async () => {
    const fromMigrations = await runPrisma(
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema", "--exit-code"],
      { directUrl: db.url },
    );
    expect(fromMigrations.code, fromMigrations.output).toBe(0);
    expect(fromMigrations.stdout).toContain("No difference detected.");

    const fromDatabase = await runPrisma(
      ["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema", "--exit-code"],
      { directUrl: db.url },
    );
    expect(fromDatabase.code, fromDatabase.output).toBe(0);
    expect(await shadowDatabases()).toEqual([]);
  });

  it("runs a SQL script with db execute", async () => {
    const script = join(REPO_ROOT, ".data", "execute-test.sql");
    await mkdir(join(REPO_ROOT, ".data"), { recursive: true });
    await writeFile(script, "CREATE TABLE executed_here (id int); INSERT INTO executed_here VALUES (1), (2);");
    const result = await runPrisma(["db", "execute", "--file", script], { directUrl: db.url });
    expect(result.code, result.output).toBe(0);
    expect(await db.query("SELECT count(*)::int AS n FROM executed_here")).toEqual([{ n: 2 }]);
  });

  it("fails visibly, not silently, when the database does not exist", async () => {
    const missing = withDatabaseName(serverUrl(), "exitmatch_test_does_not_exist");
    const result = await runPrisma(["migrate", "diff", "--from-empty", "--to-schema", "prisma/schema", "--script"], {
      directUrl: missing,
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("does not exist");
  });

  it("refuses a URL that is not PostgreSQL instead of reading it as one", async () => {
    const result = await runPrisma(["migrate", "status"], { directUrl: "mysql://root@127.0.0.1:5432/exitmatch" });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("DIRECT_URL must start with postgresql://");

    // The engine checks too, whoever calls it.
    const engine = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, "prisma/engine/schema-engine.mjs"),
        "--datasource",
        JSON.stringify({ url: "mysql://root@127.0.0.1:5432/x" }),
        "cli",
        "can-connect-to-database",
      ],
      { encoding: "utf8" },
    );
    expect(engine.status).toBe(1);
    const [, logLine] = engine.stderr.trim().split("\n");
    expect(JSON.parse(logLine!)).toEqual({
      level: "ERROR",
      target: "schema_engine::logger",
      fields: {
        error_code: "P1013",
        message: "The datasource URL must start with postgresql:// or postgres:// (got mysql scheme).",
      },
    });
  });

  describe("the engine host's stdout belongs to the protocol", () => {
    /** The entry point in a folder of its own, with `host` as the engine host it loads (or none). */
    async function engineWith(host: string | undefined) {
      const dir = join(REPO_ROOT, ".data", "scratch", `engine-${randomBytes(4).toString("hex")}`);
      await mkdir(dir, { recursive: true });
      for (const file of ["schema-engine.mjs", "protocol-stdout.mjs"]) {
        await cp(join(REPO_ROOT, "prisma/engine", file), join(dir, file));
      }
      if (host !== undefined) await writeFile(join(dir, "schema-engine-host.mjs"), host);
      return { entry: join(dir, "schema-engine.mjs"), remove: () => rm(dir, { recursive: true, force: true }) };
    }

    it("sends what anything else prints to stderr", async () => {
      const engine = await engineWith('console.log("library noise"); process.stdout.write("more noise\\n");');
      try {
        const run = spawnSync(process.execPath, [engine.entry, "--datasource", "{}"], { encoding: "utf8" });
        expect(run.stdout).toBe("");
        expect(run.stderr).toContain("library noise");
        expect(run.stderr).toContain("more noise");
      } finally {
        await engine.remove();
      }
    });

    it("says plainly when the host cannot load, instead of a garbled answer", async () => {
      const engine = await engineWith(undefined);
      try {
        const result = await runPrisma(["migrate", "status"], {
          directUrl: withDatabaseName(serverUrl(), "postgres"),
          env: { PRISMA_SCHEMA_ENGINE_BINARY: engine.entry },
        });
        expect(result.code).not.toBe(0);
        expect(result.output).toContain("The wasm schema engine (prisma/engine/) could not start");
        expect(result.output).toContain("schema-engine-host.mjs");
        expect(result.output).not.toContain("Could not parse schema engine response");
      } finally {
        await engine.remove();
      }
    });
  });

  it("reports an unreachable server with P1001", async () => {
    const result = await runPrisma(["migrate", "status"], { directUrl: "postgresql://postgres@127.0.0.1:9/nowhere" });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/P1001: Can't reach database server at `127\.0\.0\.1:9`/);
  });
  it("creates a missing database on deploy, and resets one", async () => {
    const name = `exitmatch_test_created_${Date.now()}`;
    const url = withDatabaseName(serverUrl(), name);
    try {
      const deployed = await runPrisma(["migrate", "deploy"], { directUrl: url });
      expect(deployed.code, deployed.output).toBe(0);
      expect(deployed.output).toContain(`PostgreSQL database ${name} created`);
      const reset = await runPrisma(["migrate", "reset", "--force"], { directUrl: url });
      expect(reset.code, reset.output).toBe(0);
      expect(reset.output).toContain("Database reset successful");
    } finally {
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });

  it("honours ?schema= in the URL", async () => {
    const fresh = await createEmptyDatabase();
    try {
      const result = await runPrisma(["migrate", "deploy"], { directUrl: `${fresh.url}?schema=exitmatch` });
      expect(result.code, result.output).toBe(0);
      const tables = await fresh.query(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'exitmatch'",
      );
      expect(tables[0]).toMatchObject({ n: expect.any(Number) });
      expect((tables[0] as { n: number }).n).toBeGreaterThan(10);
    } finally {
      await fresh.drop();
    }
  });
});

describe("prisma CLI with migrations of our own (scratch project)", () => {
  let project: ScratchProject;
  let db: TestDatabase;

  beforeAll(async () => {
    project = await createScratchProject();
    db = await createEmptyDatabase();
  });
  afterAll(async () => {
    await db.drop();
    await project.remove();
  });

  const prisma = (args: string[], url = db.url) =>
    runPrisma([...args, "--config", project.config], { directUrl: url, cwd: project.dir });

  async function addMigration(name: string, sql: string) {
    await mkdir(join(project.migrations, name));
    await writeFile(join(project.migrations, name, "migration.sql"), sql);
  }

  it("applies a migration with $$ function bodies and several statements", async () => {
    await addMigration(
      "20990101000000_function_and_trigger",
      `CREATE FUNCTION touch_title() RETURNS trigger AS $$
BEGIN
  NEW.title := btrim(NEW.title); -- a ';' inside the body must not split the script
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER businesses_trim_title BEFORE INSERT ON businesses FOR EACH ROW EXECUTE FUNCTION touch_title();
`,
    );
    const result = await prisma(["migrate", "deploy"]);
    expect(result.code, result.output).toBe(0);
    const triggers = await db.query("SELECT tgname FROM pg_trigger WHERE tgname = 'businesses_trim_title'");
    expect(triggers).toHaveLength(1);
  });

  it("rolls a failing migration back as a whole and shows PostgreSQL's own error", async () => {
    await addMigration(
      "20990102000000_broken",
      `CREATE TABLE half_done (id int);
CREATE FUNCTION also_half_done() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
ALTER TABLE businesses ADD COLUMN broken_ref int REFERENCES no_such_table(id);
`,
    );
    const result = await prisma(["migrate", "deploy"]);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('ERROR: relation "no_such_table" does not exist (SQLSTATE 42P01)');
    expect(result.output).toContain("20990102000000_broken");

    const leftovers = await db.query(
      "SELECT to_regclass('half_done') AS tbl, (SELECT count(*)::int FROM pg_proc WHERE proname = 'also_half_done') AS fn",
    );
    expect(leftovers).toEqual([{ tbl: null, fn: 0 }]);

    const status = await prisma(["migrate", "status"]);
    expect(status.code).not.toBe(0);
    expect(status.output).toContain("Following migration have failed:\n20990102000000_broken");
  });

  it("lets the failed migration be resolved as rolled back, then fixed and deployed", async () => {
    const resolved = await prisma(["migrate", "resolve", "--rolled-back", "20990102000000_broken"]);
    expect(resolved.code, resolved.output).toBe(0);
    await writeFile(
      join(project.migrations, "20990102000000_broken", "migration.sql"),
      "CREATE TABLE half_done (id int);\n",
    );
    const deployed = await prisma(["migrate", "deploy"]);
    expect(deployed.code, deployed.output).toBe(0);
    expect(await db.query("SELECT to_regclass('half_done')::text AS tbl")).toEqual([{ tbl: "half_done" }]);
  });
});

describe("migrate dev on a schema change (scratch project)", () => {
  let project: ScratchProject;
  let db: TestDatabase;

  beforeAll(async () => {
    project = await createScratchProject();
    db = await createEmptyDatabase();
  });
  afterAll(async () => {
    await db.drop();
    await project.remove();
  });

  it("creates a migration holding only that change, and leaves no shadow database", async () => {
    const prisma = (args: string[]) =>
      runPrisma([...args, "--config", project.config], { directUrl: db.url, cwd: project.dir });
    expect((await prisma(["migrate", "deploy"])).code).toBe(0);
    await appendFile(
      join(project.schema, "users.prisma"),
      "\nmodel Newsletter {\n  id    Int    @id\n  email String\n}\n",
    );

    const drift = await prisma([
      "migrate",
      "diff",
      "--from-config-datasource",
      "--to-schema",
      project.schema,
      "--exit-code",
    ]);
    expect(drift.code).toBe(2);

    const result = await prisma(["migrate", "dev", "--create-only", "--name", "add_newsletter"]);
    expect(result.code, result.output).toBe(0);
    const folder = (await readdir(project.migrations)).find((name) => name.endsWith("_add_newsletter"));
    const sql = await readFile(join(project.migrations, folder!, "migration.sql"), "utf8");
    // Hand-written objects (partial unique indexes, CHECKs) are invisible to Prisma, so the
    // generated migration neither drops nor re-creates them: it is exactly the new table.
    expect(sql.trim()).toBe(
      '-- CreateTable\nCREATE TABLE "Newsletter" (\n    "id" INTEGER NOT NULL,\n    "email" TEXT NOT NULL,\n\n    CONSTRAINT "Newsletter_pkey" PRIMARY KEY ("id")\n);',
    );
    expect(await shadowDatabases()).toEqual([]);
  });
});
