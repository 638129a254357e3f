import { ConfigError } from "../errors/config-error.ts";

/** Which driver a database URL needs. */
export type DatabaseDriver = "pg" | "neon" | "accelerate";

export interface ParsedDatabaseUrl {
  driver: DatabaseDriver;
  url: string;
  /** `?pgbouncer=true`: a transaction-mode pooler is in front, so no named prepared statements. */
  pgbouncer: boolean;
  /** `?schema=`: the PostgreSQL schema to use (search_path); "public" when absent. */
  schema: string;
}

const NEON_HOST = /\.neon\.(tech|build)$/;

/**
 * Classifies a database URL and checks its shape, so that a mistake is reported once, in one
 * line that names the variable, instead of as a driver stack trace at the first query.
 *
 * @param variable the environment variable the URL came from, named in errors
 */
/** sslmode values that encrypt the connection; disable, allow and prefer may fall back to plain text. */
const TLS_MODES = new Set(["require", "verify-ca", "verify-full"]);

/** Loopback addresses and Unix sockets: traffic that never leaves the machine may skip TLS. */
function isLocalHost(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (url.searchParams.get("host")?.startsWith("/")) return true;
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function parseDatabaseUrl(variable: string, value: string | undefined): ParsedDatabaseUrl {
  if (value === undefined || value.trim() === "") {
    throw new ConfigError(`${variable} is not set.`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${variable} is not a valid URL (expected postgresql://user:password@host:5432/database).`);
  }
  const protocol = url.protocol.replace(/:$/, "");
  if (protocol === "prisma" || protocol === "prisma+postgres") {
    if (!url.searchParams.get("api_key")) {
      throw new ConfigError(`${variable} is a Prisma Accelerate URL without an api_key parameter.`);
    }
    return { driver: "accelerate", url: value, pgbouncer: false, schema: "public" };
  }
  if (protocol !== "postgres" && protocol !== "postgresql") {
    throw new ConfigError(
      `${variable} must start with postgresql://, postgres://, prisma:// or prisma+postgres:// (got ${protocol}://).`,
    );
  }
  if (!url.hostname) throw new ConfigError(`${variable} has no host.`);
  if (url.pathname.length <= 1) throw new ConfigError(`${variable} has no database name.`);
  if (!isLocalHost(url) && !TLS_MODES.has(url.searchParams.get("sslmode") ?? "")) {
    throw new ConfigError(
      `${variable} points at ${url.hostname}, which is not this machine, without TLS: add ?sslmode=require ` +
        "(or verify-full) to the URL.",
    );
  }
  return {
    driver: NEON_HOST.test(url.hostname) ? "neon" : "pg",
    url: value,
    pgbouncer: url.searchParams.get("pgbouncer") === "true",
    schema: url.searchParams.get("schema") ?? "public",
  };
}

/**
 * The URL without the parameters only Prisma understands; `pg` would otherwise try to read
 * `schema` and `pgbouncer` as server options.
 */
export function driverConnectionString(url: string): string {
  const parsed = new URL(url);
  for (const name of ["schema", "pgbouncer", "connection_limit", "pool_timeout"]) parsed.searchParams.delete(name);
  return parsed.toString();
}

/** The URL with its password replaced, for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    parsed.searchParams.delete("api_key");
    return parsed.toString();
  } catch {
    return "<unparseable URL>";
  }
}

/** The same server and credentials, another database (e.g. `postgres` to create or drop one). */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database a URL names. */
export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}
