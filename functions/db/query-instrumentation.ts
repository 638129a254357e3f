import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** Database work done for one API request, for its log line. */
export interface RequestQueryStats {
  requestId: string | undefined;
  count: number;
  totalMs: number;
}

/** Set by the API for the duration of each request; queries outside a request are not counted. */
export const requestQueryStats = new AsyncLocalStorage<RequestQueryStats>();

export interface QueryLogger {
  info(entry: object, message: string): void;
  warn(entry: object, message: string): void;
}

export interface QueryLoggingOptions {
  logger: QueryLogger;
  /** Queries slower than this are logged as warnings (the guide's Debug Mode: 100 ms). */
  slowQueryMs: number;
  /** Log every query (development and troubleshooting only: it is noisy). */
  logEveryQuery: boolean;
}

/**
 * The shape of a query's arguments with every value replaced by its type, so logs show which
 * query ran and how it was filtered without personal data: `{ where: { email: "[string]" } }`.
 * Raw SQL keeps its text (which holds no values; they are parameters) and loses its values.
 */
export function redactQueryArgs(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value))
    return value.length > 5
      ? [...value.slice(0, 5).map(redactQueryArgs), `[+${value.length - 5}]`]
      : value.map(redactQueryArgs);
  if (value instanceof Date) return "[date]";
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.strings) && Array.isArray(record.values)) {
      return {
        sql: (record.strings as string[]).join("$?"),
        values: (record.values as unknown[]).map(() => "[value]"),
      };
    }
    return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, redactQueryArgs(inner)]));
  }
  return `[${typeof value}]`;
}

/**
 * Times every Prisma operation (model queries and raw SQL): counts it for the current request,
 * logs it when slow (or always, with `logEveryQuery`), with model, operation, duration and
 * redacted arguments. The operations' API is unchanged, hence the cast back to PrismaClient.
 */
export function instrumentQueries(prisma: PrismaClient, options: QueryLoggingOptions): PrismaClient {
  return prisma.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const started = performance.now();
        try {
          return await query(args);
        } finally {
          const durationMs = Math.round((performance.now() - started) * 10) / 10;
          const stats = requestQueryStats.getStore();
          if (stats) {
            stats.count += 1;
            stats.totalMs += durationMs;
          }
          const slow = durationMs >= options.slowQueryMs;
          if (slow || options.logEveryQuery) {
            const entry = {
              event: slow ? "slow_query" : "query",
              model: model ?? null,
              operation,
              durationMs,
              args: redactQueryArgs(args),
              requestId: stats?.requestId,
            };
            if (slow) options.logger.warn(entry, `slow query: ${model ?? "raw"}.${operation} took ${durationMs} ms`);
            else options.logger.info(entry, `query: ${model ?? "raw"}.${operation}`);
          }
        }
      },
    },
  }) as unknown as PrismaClient;
}
