// @ts-check
// `schema-engine --datasource <json> cli <command>`: the one-shot mode the Prisma CLI uses
// to check a connection and create a missing database before migrating.
import pg from "pg";
import { connectionConfigFromUrl, quoteIdentifier } from "./connection-config.mjs";

/**
 * Native engine error codes for the failures a connection check can meet.
 * @param {any} error
 */
function prismaErrorCode(error) {
  if (error?.code === "3D000") return "P1003"; // database does not exist
  if (error?.code === "28P01" || error?.code === "28000") return "P1000"; // authentication failed
  if (error?.code === "42501") return "P1010"; // access denied
  return "P1001"; // server unreachable
}

/**
 * The CLI skips the first stderr line and reads each further one as a JSON log record.
 * @param {string} errorCode
 * @param {string} message
 */
function reportError(errorCode, message) {
  process.stderr.write("schema-engine-cli error\n");
  const fields = { error_code: errorCode, message };
  process.stderr.write(`${JSON.stringify({ level: "ERROR", target: "schema_engine::logger", fields })}\n`);
  return 1;
}

/** @param {import("./connection-config.mjs").ConnectionConfig} config */
async function connect(config) {
  const { schema: _schema, ...settings } = config;
  const client = new pg.Client(settings);
  await client.connect();
  return client;
}

/**
 * @param {string} command
 * @param {{ url?: string }} datasource
 * @returns {Promise<number>} the exit code
 */
export async function runOneShotCommand(command, datasource) {
  if (!datasource.url) return reportError("P1012", "No datasource URL was given.");
  /** @type {import("./connection-config.mjs").ConnectionConfig} */
  let config;
  try {
    config = connectionConfigFromUrl(datasource.url);
  } catch (error) {
    return reportError("P1013", /** @type {Error} */ (error).message); // invalid database string
  }
  try {
    switch (command) {
      case "can-connect-to-database": {
        const client = await connect(config);
        await client.end();
        return 0;
      }
      case "create-database": {
        // Connect to the maintenance database of the same server to create the target.
        const client = await connect({ ...config, database: "postgres", options: undefined });
        try {
          await client.query(`CREATE DATABASE ${quoteIdentifier(String(config.database))}`);
        } finally {
          await client.end();
        }
        return 0;
      }
      case "drop-database": {
        const client = await connect({ ...config, database: "postgres", options: undefined });
        try {
          await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(String(config.database))} WITH (FORCE)`);
        } finally {
          await client.end();
        }
        return 0;
      }
      default:
        return reportError("P1012", `Unknown schema engine command: ${command}`);
    }
  } catch (error) {
    const where = `${config.host ?? "localhost"}:${config.port ?? 5432}`;
    const detail = /** @type {any} */ (error)?.message ?? String(error);
    const code = prismaErrorCode(error);
    const message =
      code === "P1003"
        ? `Database \`${config.database}\` does not exist on the database server at \`${where}\`.`
        : code === "P1001"
          ? `Can't reach database server at \`${where}\`: ${detail}`
          : detail;
    return reportError(code, message);
  }
}
