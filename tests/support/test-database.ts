import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { withCredentials } from "../../functions/db/database-roles.ts";
import { withDatabaseName } from "../../functions/db/database-url.ts";
import { createDatabaseClient } from "../../functions/db/prisma-client.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, TEST_LOGINS } from "./database-names.ts";

export interface TestDatabase {
  name: string;
  /** As the owner (the migrator): for fixtures and checks, exempt from row-level security. */
  url: string;
  prisma: PrismaClient;
  /** As a login of the exitmatch_app role, as the API runs in production. */
  appUrl: string;
  appPrisma: PrismaClient;
  /** A raw pg query on this database, for checks Prisma cannot express. */
  query<Row extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

export function serverUrl(): string {
  return inject("databaseServerUrl");
}

/** Runs one statement on the server's maintenance database. */
export async function onServer<Row extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function uniqueName() {
  return `${TEST_DATABASE_PREFIX}${process.env.VITEST_POOL_ID ?? "0"}_${randomBytes(4).toString("hex")}`;
}

async function open(name: string): Promise<TestDatabase> {
  const url = withDatabaseName(serverUrl(), name);
  const { prisma } = createDatabaseClient(url, { maxConnections: 4 });
  const appUrl = withCredentials(url, TEST_LOGINS.app.name, TEST_LOGINS.app.password);
  const { prisma: appPrisma } = createDatabaseClient(appUrl, { maxConnections: 4 });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // A test that replaces this database (a restore, a preview-base refresh) ends the pool's idle
  // connections from the server side; without a listener that error would end the test run.
  // The pool discards such a connection and opens another for the next query.
  pool.on("error", () => {});
  return {
    name,
    url,
    prisma,
    appUrl,
    appPrisma,
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    async drop() {
      await prisma.$disconnect();
      await appPrisma.$disconnect();
      await pool.end();
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** A fresh database with every migration applied (a copy of the template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = uniqueName();
  await onServer(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
  return open(name);
}

/** A fresh, empty database (no migrations), for testing migrations themselves. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const name = uniqueName();
  await onServer(`CREATE DATABASE "${name}"`);
  return open(name);
}
