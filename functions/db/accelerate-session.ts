import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { currentDatabaseSession, type DatabaseSession, sessionMatters, sessionSettings } from "./database-session.ts";

/** Models whose tables have row-level security (database-session.ts, ROW_LEVEL_SECURITY_TABLES). */
const PROTECTED_MODELS = new Set(["BusinessFinancial", "Document"]);
const WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
  "$executeRaw",
  "$executeRawUnsafe",
]);

/** Set while an interactive or batch transaction that already carries the session runs. */
const carried = new AsyncLocalStorage<true>();

/**
 * Whether a read may touch a protected table: one of them, a relation loaded with it (include,
 * or a nested select), or raw SQL we cannot see into. A read wrongly left out fails closed: it
 * sees no protected rows.
 */
function mayReadProtected(model: string | undefined, args: unknown): boolean {
  if (model === undefined) return true;
  if (PROTECTED_MODELS.has(model)) return true;
  const { include, select } = (args ?? {}) as { include?: unknown; select?: Record<string, unknown> };
  if (include) return true;
  return Object.values(select ?? {}).some((value) => typeof value === "object" && value !== null);
}

const setSession = (base: PrismaClient, session: DatabaseSession) => {
  const { sql, values } = sessionSettings(session);
  return base.$executeRawUnsafe(sql, ...values);
};

/**
 * Prisma Accelerate has no driver adapter for database-session.ts to hook into, so the caller
 * reaches PostgreSQL another way: a statement that must carry the session (every write; a read
 * of a row-level-security table by a user or a job) is sent as a batch transaction whose first
 * statement sets the transaction-local settings; an interactive or batch transaction sets them
 * first thing. Accelerate runs each as one database transaction, so the settings apply, as
 * transaction-local ones, to exactly that work. Costs a transaction per such statement, as on
 * the pg path.
 */
export function withAccelerateSession(
  base: PrismaClient,
  /**
   * Extensions to add outside this one. Accelerate's own extension must be outermost: it
   * replaces the model methods, and query extensions added after it are never called.
   */
  outer: (client: PrismaClient) => PrismaClient = (client) => client,
): PrismaClient {
  const carry = async ({
    model,
    operation,
    args,
    query,
  }: {
    model?: string;
    operation: string;
    args: unknown;
    query: (args: unknown) => Promise<unknown>;
  }) => {
    const session = currentDatabaseSession();
    const statement = { write: WRITES.has(operation), readsProtected: mayReadProtected(model, args) };
    if (carried.getStore() || !sessionMatters(session, statement)) return query(args);
    const [, result] = await carried.run(true, () =>
      base.$transaction([setSession(base, session), query(args) as never]),
    );
    return result;
  };
  // Model operations and raw queries are two hooks in Prisma's extension API.
  const extended = outer(
    base.$extends({
      query: { $allModels: { $allOperations: carry }, $allOperations: carry },
    }) as unknown as PrismaClient,
  );

  // $transaction: set the session first, inside the transaction, then run the work as given.
  return new Proxy(extended, {
    get(target, property, receiver) {
      if (property !== "$transaction") return Reflect.get(target, property, receiver);
      return (work: unknown, options?: unknown) => {
        const session = currentDatabaseSession();
        if (!session) return (target.$transaction as (...args: unknown[]) => unknown)(work, options);
        if (Array.isArray(work)) {
          return carried
            .run(true, () => base.$transaction([setSession(base, session), ...work], options as never))
            .then((results) => results.slice(1));
        }
        return target.$transaction(
          (tx) =>
            carried.run(true, async () => {
              await tx.$executeRawUnsafe(sessionSettings(session).sql, ...sessionSettings(session).values);
              return (work as (client: typeof tx) => Promise<unknown>)(tx);
            }),
          options as never,
        );
      };
    },
  });
}
