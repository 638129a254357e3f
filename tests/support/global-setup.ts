// Starts the PostgreSQL the tests use and builds a migrated template database once per run;
// each test file then clones its own database from the template (tests/support/test-database.ts).
//
// Server: TEST_DATABASE_SERVER_URL when set (any PostgreSQL 14+, e.g. the system's), otherwise
// an embedded PostgreSQL in .data/test-postgres. Durability is switched off there: it is
// throwaway, and fsync dominates the cost of creating databases.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../functions/db/apply-migrations.ts";
import { ensureLoginRole } from "../../functions/db/database-roles.ts";
import { withDatabaseName } from "../../functions/db/database-url.ts";
import { startEmbeddedPostgres } from "../../functions/db/embedded-postgres.ts";
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, TEST_LOGINS } from "./database-names.ts";
import { freePort } from "./free-port.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A URL to the server's `postgres` database; swap the name for others. */
    databaseServerUrl: string;
  }
}

async function onServer(serverUrl: string, work: (client: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const embedded = process.env.TEST_DATABASE_SERVER_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: ".data/test-postgres",
        port: Number(process.env.TEST_EMBEDDED_POSTGRES_PORT) || (await freePort()),
        database: "postgres",
        reuseRunning: true,
        settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: "300" },
        onProgress: (message) => console.log(message),
      });
  const serverUrl = withDatabaseName(process.env.TEST_DATABASE_SERVER_URL ?? embedded!.url, "postgres");

  await onServer(serverUrl, async (client) => {
    // Databases left by an interrupted run.
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2",
      [TEST_DATABASE_PREFIX, TEMPLATE_DATABASE],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  });
  await applyMigrations(withDatabaseName(serverUrl, TEMPLATE_DATABASE));
  // The app runs in tests as it does in production: a login in the exitmatch_app role, subject
  // to row-level security and without DDL.
  for (const login of Object.values(TEST_LOGINS)) await ensureLoginRole(serverUrl, login);

  project.provide("databaseServerUrl", serverUrl);

  return async () => {
    await onServer(serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`).then(() => {}),
    );
    await embedded?.stop();
  };
}
