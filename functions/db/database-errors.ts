/**
 * What a database error means for the caller, whatever layer raised it: node-postgres, Prisma's
 * driver adapter (DriverAdapterError inside `meta.driverAdapterError`), or Prisma itself (its
 * P-codes). The API turns these into statuses (a client's bad value is a 4xx, an outage a 503);
 * nothing here carries PostgreSQL's own wording to a client.
 */
export type DatabaseFailure =
  /** The database cannot be reached, is restarting or shutting down, or dropped the connection. */
  | "unavailable"
  /** A unique index refused the row (two writers raced, or the value exists). */
  | "unique_violation"
  /** A referenced row does not exist (deleted meanwhile, or an id that never existed). */
  | "foreign_key_violation"
  /** A CHECK or NOT NULL rule refused a value the request supplied. */
  | "rule_violation"
  /** A value PostgreSQL cannot take: out of range, malformed for its type, a NUL character. */
  | "invalid_data"
  /** A serialization failure or deadlock: the same request may succeed if sent again. */
  | "write_conflict"
  /** The statement was cancelled (statement_timeout) or the server is out of a resource. */
  | "overloaded";

/** SQLSTATE classes and codes, per https://www.postgresql.org/docs/current/errcodes-appendix.html */
function failureForSqlState(sqlState: string): DatabaseFailure | undefined {
  if (sqlState.startsWith("08")) return "unavailable"; // connection exception
  if (sqlState.startsWith("22")) return "invalid_data"; // data exception
  if (sqlState.startsWith("53")) return "overloaded"; // insufficient resources, too many connections
  switch (sqlState) {
    case "57P01": // admin_shutdown (a restart or a terminated backend)
    case "57P02": // crash_shutdown
    case "57P03": // cannot_connect_now (starting up, recovering)
      return "unavailable";
    case "57014": // query_canceled (statement_timeout)
      return "overloaded";
    case "23505":
      return "unique_violation";
    case "23503":
      return "foreign_key_violation";
    case "23502":
    case "23514":
      return "rule_violation";
    case "40001":
    case "40P01":
    case "55P03": // lock_not_available (lock_timeout)
      return "write_conflict";
    default:
      return undefined;
  }
}

/** Driver adapter error kinds that are not plain SQLSTATEs (socket, TLS, pool). */
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TlsConnectionError",
  "TooManyConnections",
]);

/** Prisma's own codes for the same situations. */
const PRISMA_CODES: Record<string, DatabaseFailure> = {
  P1001: "unavailable", // can't reach database server
  P1002: "unavailable", // reached but timed out
  P1008: "unavailable", // operations timed out
  P1017: "unavailable", // server closed the connection
  P2024: "overloaded", // timed out fetching a connection from the pool
  P2002: "unique_violation",
  P2003: "foreign_key_violation",
  P2011: "rule_violation",
  P2000: "invalid_data",
  P2020: "invalid_data",
  P2034: "write_conflict",
};

/** node-postgres and Node's own wording for a connection that is gone or never came. */
const CONNECTION_LOST =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|ECONNREFUSED|ECONNRESET|EPIPE|Can't reach database server|server closed the connection|the database system is (starting up|shutting down|in recovery mode)/i;

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } };
  cause?: unknown;
  errorCode?: unknown;
}

/** The SQLSTATE PostgreSQL reported, when the error came from PostgreSQL. */
export function sqlStateOf(error: unknown): string | undefined {
  const shape = (error ?? {}) as ErrorShape;
  const adapterCode = shape.meta?.driverAdapterError?.cause?.originalCode;
  if (adapterCode) return adapterCode;
  return typeof shape.code === "string" && /^[0-9A-Z]{5}$/.test(shape.code) && !shape.code.startsWith("P")
    ? shape.code
    : undefined;
}

/** The failure an error stands for, or undefined when it is not a database failure we know. */
export function classifyDatabaseError(error: unknown, depth = 0): DatabaseFailure | undefined {
  if (!error || typeof error !== "object" || depth > 4) return undefined;
  const shape = error as ErrorShape;
  const adapterCause = shape.meta?.driverAdapterError?.cause;
  if (adapterCause?.originalCode) {
    const failure = failureForSqlState(adapterCause.originalCode);
    if (failure) return failure;
  }
  if (adapterCause?.kind && UNAVAILABLE_KINDS.has(adapterCause.kind)) return "unavailable";
  // A raw node-postgres error carries its SQLSTATE in `code`; Prisma's errors carry P-codes.
  for (const code of [shape.code, shape.errorCode]) {
    if (typeof code !== "string") continue;
    if (/^[0-9A-Z]{5}$/.test(code) && !code.startsWith("P")) {
      const failure = failureForSqlState(code);
      if (failure) return failure;
    }
    if (PRISMA_CODES[code]) return PRISMA_CODES[code];
  }
  if (typeof shape.message === "string" && CONNECTION_LOST.test(shape.message)) return "unavailable";
  return classifyDatabaseError(shape.cause, depth + 1);
}
