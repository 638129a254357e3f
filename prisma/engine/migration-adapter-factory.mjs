// @ts-check
// The driver adapter factory the wasm schema engine migrates through.
//
// It is the stock @prisma/adapter-pg factory with three things fixed for migrations:
//  - scripts (a migration.sql) run as ONE simple-protocol query, as the native engine does:
//    atomic (PostgreSQL wraps a multi-statement simple query in one transaction) and safe
//    for `$$` bodies, where adapter-pg would split on every `;` and run the pieces apart;
//  - shadow databases are created, verified and dropped by us, on discrete settings;
//  - catalog columns are readable (see catalog-friendly-client.mjs).
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { CatalogFriendlyClient, restoreCharacterColumns } from "./catalog-friendly-client.mjs";
import { connectionConfigFromUrl, quoteIdentifier } from "./connection-config.mjs";
import { postgresErrorText } from "./postgres-error-text.mjs";

const SHADOW_PREFIX = "prisma_migrate_shadow_db_";

/**
 * @param {{ url?: string, shadowDatabaseUrl?: string }} datasource
 */
export function createMigrationAdapterFactory(datasource) {
  /** Shadow databases this process created and has not dropped yet. */
  const liveShadowDatabases = new Set();
  /** @type {import("./connection-config.mjs").ConnectionConfig | undefined} */
  let mainConfig;

  // Parsed on first use, so that a bad URL fails the request that needs it (with a message
  // the CLI shows) rather than the engine's start-up (which the CLI would not report).
  function requireMainConfig() {
    if (!datasource.url) {
      throw new Error("This command needs a database: set `datasource.url` in prisma.config.ts (DIRECT_URL).");
    }
    mainConfig ??= connectionConfigFromUrl(datasource.url);
    return mainConfig;
  }

  /** @param {import("./connection-config.mjs").ConnectionConfig} config */
  async function connectAdapter(config) {
    const { schema, ...poolSettings } = config;
    const pool = new pg.Pool({ ...poolSettings, Client: CatalogFriendlyClient, max: 4 });
    if (schema !== "public") await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    const adapter = /** @type {any} */ (await new PrismaPg(pool, { schema, disposeExternalPool: true }).connect());
    withCharacterColumns(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (/** @type {any[]} */ ...args) =>
      withCharacterColumns(await startTransaction(...args));
    adapter.executeScript = async (/** @type {string} */ script) => {
      try {
        await pool.query(script);
      } catch (error) {
        // A plain Error (not a DriverAdapterError) reaches the engine as "External error
        // id#N"; rpc-errors.mjs swaps in this text, the server's own message.
        throw new Error(postgresErrorText(error, script));
      }
    };
    return adapter;
  }

  /** @param {any} queryable an adapter or a transaction */
  function withCharacterColumns(queryable) {
    const queryRaw = queryable.queryRaw.bind(queryable);
    queryable.queryRaw = async (/** @type {any} */ query) => restoreCharacterColumns(await queryRaw(query));
    return queryable;
  }

  /** @param {string} sql */
  async function runOnMaintenanceConnection(sql) {
    const { schema: _schema, options: _options, ...settings } = requireMainConfig();
    const client = new pg.Client({ ...settings });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  /** @param {string} name */
  async function dropShadowDatabase(name) {
    await runOnMaintenanceConnection(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
    liveShadowDatabases.delete(name);
  }

  async function connectToTemporaryShadowDatabase() {
    const name = `${SHADOW_PREFIX}${randomUUID().replaceAll("-", "_")}`;
    await runOnMaintenanceConnection(`CREATE DATABASE ${quoteIdentifier(name)}`);
    liveShadowDatabases.add(name);
    const adapter = await connectAdapter({ ...requireMainConfig(), database: name });
    const check = await adapter.client.query("SELECT current_database() AS name");
    if (check.rows[0]?.name !== name) {
      await adapter.dispose();
      throw new Error(`Refusing to use ${check.rows[0]?.name} as the shadow database (expected ${name}).`);
    }
    const dispose = adapter.dispose.bind(adapter);
    // The pool must be closed before the drop, or the drop waits on our own connections.
    adapter.dispose = async () => {
      await dispose();
      await dropShadowDatabase(name);
    };
    return adapter;
  }

  /** A configured shadow database is reused: emptied first, as the native engine does. */
  async function connectToConfiguredShadowDatabase(/** @type {string} */ url) {
    const config = connectionConfigFromUrl(url);
    const mainDatabase = requireMainConfig().database;
    if (
      config.database === mainDatabase &&
      config.host === requireMainConfig().host &&
      config.port === requireMainConfig().port
    ) {
      throw new Error("shadowDatabaseUrl points at the main database; refusing to wipe it.");
    }
    const adapter = await connectAdapter(config);
    const schema = quoteIdentifier(config.schema);
    await adapter.client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    return adapter;
  }

  return {
    provider: /** @type {const} */ ("postgres"),
    adapterName: "@prisma/adapter-pg",
    liveShadowDatabases,
    dropShadowDatabase,
    connect: () => connectAdapter(requireMainConfig()),
    connectToShadowDb: () =>
      datasource.shadowDatabaseUrl
        ? connectToConfiguredShadowDatabase(datasource.shadowDatabaseUrl)
        : connectToTemporaryShadowDatabase(),
  };
}
