// @ts-check
// Turns a PostgreSQL URL into the discrete settings `pg` takes.
//
// Why discrete settings: with `connectionString`, pg lets the URL's database win over an
// explicit `database`, so a "shadow" pool built from `{ ...config, database }` silently
// connects to the main database (the stock adapter-pg does exactly that). Parsing once here
// and overriding fields afterwards keeps every pool pointed where we say.
import { parse } from "pg-connection-string";

/**
 * @typedef {{
 *   host?: string, port?: number, user?: string, password?: string, database?: string,
 *   ssl?: any, options?: string, schema: string, application_name?: string,
 * }} ConnectionConfig
 */

/**
 * @param {string} url a postgres:// or postgresql:// URL; `?schema=` picks the search_path
 * @returns {ConnectionConfig}
 */
export function connectionConfigFromUrl(url) {
  // The engine only speaks PostgreSQL; any other URL must fail, not be read as one.
  const protocol = url.slice(0, url.indexOf(":"));
  if (protocol !== "postgres" && protocol !== "postgresql") {
    throw new Error(
      `The datasource URL must start with postgresql:// or postgres:// (got ${protocol || "no"} scheme).`,
    );
  }
  const parsed = parse(url);
  const schema = new URL(url).searchParams.get("schema") ?? "public";
  return {
    host: parsed.host ?? undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.user ?? undefined,
    password: parsed.password ?? undefined,
    database: parsed.database ?? undefined,
    ssl: parsed.ssl ?? undefined,
    // adapter-pg does not apply `?schema=`; the server does, through search_path.
    options: `-c search_path="${schema.replaceAll('"', '""')}"`,
    schema,
    application_name: "exitmatch-schema-engine",
  };
}

/** @param {string} identifier */
export function quoteIdentifier(identifier) {
  return `"${identifier.replaceAll('"', '""')}"`;
}
