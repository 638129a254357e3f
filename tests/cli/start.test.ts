import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, stopServerOf } from "../../functions/db/embedded-postgres.ts";
import { REPO_ROOT } from "../support/prisma-cli.ts";
import { runCommand, startCommand } from "../support/run-command.ts";

const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};

const DATA_DIR = join(REPO_ROOT, ".data", `start-test-${process.pid}`);
const ENV = {
  DATABASE_URL: "",
  DIRECT_URL: "",
  EMBEDDED_POSTGRES_DIR: DATA_DIR,
  EMBEDDED_POSTGRES_PORT: "54393",
  MAILER: "folder",
  MAILBOX_DIR: join(DATA_DIR, "mailbox"),
  PORT: "39173",
};

async function health() {
  const response = await fetch(`http://127.0.0.1:${ENV.PORT}/health`);
  return {
    status: response.status,
    body: (await response.json()) as { status: string; database: { migration: string } },
  };
}

describe("npm start (the run command) on the embedded database", () => {
  afterAll(() => rm(DATA_DIR, { recursive: true, force: true }));

  it("initialises, migrates, seeds and serves /health from an empty data folder; Ctrl-C stops it cleanly", async () => {
    const server = startCommand("functions/cli/start.ts", [], ENV);
    await server.waitFor("ExitMatch API listening on");
    const output = server.output();
    expect(output).toContain("Initialising embedded PostgreSQL 15");
    expect(output).toContain("Migrations are up to date");
    expect(output).toContain("First start: seeding the development dataset...");
    expect(output).toContain("admin    admin@exitmatch.co.uk");

    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.database.migration).toMatch(/^\d{14}_\w+$/);
    // It serves as the application role, not the superuser: row-level security applies.
    expect(output).toContain("The API connects as exitmatch_app_dev (role exitmatch_app), as in production.");
    const owner = new pg.Client({
      connectionString: `postgresql://postgres:exitmatch@127.0.0.1:${ENV.EMBEDDED_POSTGRES_PORT}/exitmatch`,
    });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ usename: string; superuser: boolean }>(
        `SELECT DISTINCT a.usename, r.rolsuper AS superuser FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
         WHERE a.datname = 'exitmatch' AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'`,
      );
      expect(rows).toEqual([{ usename: "exitmatch_app_dev", superuser: false }]);
    } finally {
      await owner.end();
    }

    server.child.kill("SIGINT");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain("API and embedded PostgreSQL stopped cleanly.");
    expect(existsSync(join(DATA_DIR, "postmaster.pid"))).toBe(false);
  });

  it("starts again on the same data without seeding twice", async () => {
    const server = startCommand("functions/cli/start.ts", [], ENV);
    try {
      await server.waitFor("ExitMatch API listening on");
      expect(server.output()).not.toContain("Initialising");
      expect(server.output()).not.toContain("seeding");
      expect((await health()).status).toBe(200);

      // E-mails go out after commit from the outbox, printed by this process.
      const reset = await fetch(`http://127.0.0.1:${ENV.PORT}/auth/password-reset`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@exitmatch.co.uk" }),
      });
      expect(reset.status).toBe(202);
      await server.waitFor("--- email to admin@exitmatch.co.uk: Reset your ExitMatch password");
      expect(server.output()).toMatch(/reset-password\?token=[A-Za-z0-9_-]+/);
      // ...and kept in the development mailbox, one .eml file per message.
      const files = (await readdir(ENV.MAILBOX_DIR)).filter((name) => name.endsWith(".eml"));
      const emails = await Promise.all(files.map((name) => readFile(join(ENV.MAILBOX_DIR, name), "utf8")));
      const resets = emails.filter((eml) => eml.includes("\r\nSubject: Reset your ExitMatch password\r\n"));
      expect(resets).toHaveLength(1);
      expect(resets[0]).toContain("To: admin@exitmatch.co.uk\r\n");

      // A second instance on the same data directory says so, in one line, and fails.
      const second = await runCommand("functions/cli/start.ts", [], { ...ENV, PORT: "39174" });
      expect(second.code).toBe(1);
      expect(second.output.trim()).toMatch(
        /^Error: The embedded PostgreSQL in .* is already running \(pid \d+, port 54393\)/,
      );
      expect(second.output.trim().split("\n")).toHaveLength(1);
    } finally {
      server.child.kill("SIGINT");
      await server.exited;
    }
  });

  it("stops the database of its data folder on Ctrl-C even after it was restarted underneath", async () => {
    const server = startCommand("functions/cli/start.ts", [], ENV);
    let replacement: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
    try {
      await server.waitFor("ExitMatch API listening on");
      // Someone restarts the database by hand: its server is now another process.
      await stopServerOf(DATA_DIR);
      replacement = await startEmbeddedPostgres({
        dataDir: DATA_DIR,
        port: Number(ENV.EMBEDDED_POSTGRES_PORT),
        database: "exitmatch",
      });
      await expect
        .poll(async () => (await health().catch(() => ({ status: 0 }))).status, { timeout: 20_000 })
        .toBe(200);
      server.child.kill("SIGINT");
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(existsSync(join(DATA_DIR, "postmaster.pid"))).toBe(false);
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGINT");
      await server.exited;
      await replacement?.stop();
    }
  });

  it("rejects a malformed DATABASE_URL with one line naming the variable", async () => {
    const result = await runCommand("functions/cli/start.ts", [], {
      ...ENV,
      DATABASE_URL: "mysql://root@localhost/exitmatch",
    });
    expect(result.code).toBe(1);
    expect(result.output.trim()).toBe(
      "Error: DATABASE_URL must start with postgresql://, postgres://, prisma:// or prisma+postgres:// (got mysql://).",
    );
  });

  // Every `tsx <file>` script in package.json: each command has --help.
  const commands = [
    ...new Set(
      Object.values(packageJson.scripts).flatMap((command) =>
        [...command.matchAll(/tsx (\S+\.ts)/g)].map((match) => match[1]!),
      ),
    ),
  ];

  it("finds the commands to check", () => {
    expect(commands).toEqual(expect.arrayContaining(["functions/cli/start.ts", "functions/cli/encryption-rotate.ts"]));
  });

  it.each(commands)("%s --help prints its usage and exits 0", async (script) => {
    const result = await runCommand(script, ["--help"], ENV);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/^Usage: /);
  });
});
