import { AsyncLocalStorage } from "node:async_hooks";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { RequestTransaction, SavepointTransaction } from "./request-transaction.ts";

/**
 * Who the database is working for right now. PostgreSQL reads it as transaction-local settings
 * (migration audit_trail): the audit triggers record the actor and request, and row-level
 * security decides which deal-room documents and financials are visible.
 */
export interface DatabaseSession {
  requestId?: string | undefined;
  userId?: string | undefined;
  userRole?: string | undefined;
  /** A system job (retention, erasure) acting for no one user: sees every row. */
  system?: boolean | undefined;
  /**
   * The application clock's "now" for this work (the request's arrival): row-level security
   * decides access expiry by it (app_now(), migration app_clock). Unset: the database's clock.
   */
  now?: Date | undefined;
  /** When set, every query joins this transaction (runInRequestTransaction). */
  requestTransaction?: RequestTransaction | undefined;
}

const sessions = new AsyncLocalStorage<DatabaseSession>();

/**
 * Runs `work` with `session` applied to every query it makes, however deep. Awaits inside the
 * session: Prisma queries are lazy and run when awaited, so one returned unawaited would
 * otherwise run outside it.
 */
export function runWithDatabaseSession<T>(session: DatabaseSession, work: () => T | PromiseLike<T>): Promise<T> {
  return sessions.run(session, async () => await work());
}

/**
 * Runs `work` in the current session (same request, same clock) acting as `user`: once a
 * request knows who is calling, its queries say so (audit actor, row-level security).
 */
export function runActingAs<T>(user: { id: string; role: string }, work: () => T | PromiseLike<T>): Promise<T> {
  return runWithDatabaseSession({ ...currentDatabaseSession(), userId: user.id, userRole: user.role }, work);
}

/**
 * Runs `work` so that every query it makes through a client with a session-aware driver adapter
 * (the pg and Neon drivers; not Accelerate) joins one transaction, which `work` commits or rolls
 * back through the handle it is given. Left open when `work` returns or throws, it is rolled
 * back.
 */
export async function runInRequestTransaction<T>(work: (transaction: RequestTransaction) => Promise<T>): Promise<T> {
  const transaction = new RequestTransaction();
  try {
    return await runWithDatabaseSession({ ...currentDatabaseSession(), requestTransaction: transaction }, () =>
      work(transaction),
    );
  } finally {
    await transaction.rollback();
  }
}

/** The session of the code running now. */
export function currentDatabaseSession(): DatabaseSession | undefined {
  return sessions.getStore();
}

const SET_SESSION_SQL =
  "SELECT set_config('exitmatch.user_id', $1, true), set_config('exitmatch.user_role', $2, true), " +
  "set_config('exitmatch.request_id', $3, true), set_config('exitmatch.system', $4, true), " +
  "set_config('exitmatch.now', $5, true)";
const TEXT_ARG = { scalarType: "string", arity: "scalar" } as const;

/** What identifies the settings a session puts in PostgreSQL (to skip applying them twice). */
const settingsKey = (session: DatabaseSession) =>
  [session.userId, session.userRole, session.requestId, session.system, session.now?.toISOString()].join("|");

/** The statement that puts a session's settings in the current transaction, and its values. */
export function sessionSettings(session: DatabaseSession): { sql: string; values: string[] } {
  return {
    sql: SET_SESSION_SQL,
    values: [
      session.userId ?? "",
      session.userRole ?? "",
      session.requestId ?? "",
      session.system ? "on" : "",
      session.now?.toISOString() ?? "",
    ],
  };
}

function setSessionQuery(session: DatabaseSession): SqlQuery {
  const { sql, values } = sessionSettings(session);
  return { sql, args: values, argTypes: values.map(() => TEXT_ARG) };
}

const command = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

/**
 * The tables with row-level security (migration database_roles_and_rls); a test keeps this list
 * equal to the database's. Only reads of these depend on who is asking.
 */
export const ROW_LEVEL_SECURITY_TABLES = ["business_financials", "documents", "offer_versions", "offers"] as const;
const READS_PROTECTED_TABLE = new RegExp(`"(${ROW_LEVEL_SECURITY_TABLES.join("|")})"`);

/**
 * Tables a lone INSERT writes without the session: no audit trigger records who wrote to them,
 * no row-level security guards them, and their rows name their user themselves. The activity
 * log is written on every signed-in listing view and search, so there the session's short
 * transaction would turn one round trip into four. A test keeps each of them unaudited and
 * without row-level security. (A statement that starts with INSERT can change no other table:
 * data-modifying WITH clauses come before it.)
 */
export const SESSIONLESS_INSERT_TABLES = ["activity_logs"] as const;
const INSERTS_SESSIONLESS_TABLE = new RegExp(`^\\s*INSERT INTO "public"\\."(${SESSIONLESS_INSERT_TABLES.join("|")})"`);

/**
 * Whether a statement outside a transaction must carry the session, which costs a short
 * transaction around it (3 extra round trips; bench:session). Writes do (the audit trail
 * records who and which request), but for inserts into SESSIONLESS_INSERT_TABLES. A read only
 * needs it when it reads a table with row-level security, and then only for a user or a system
 * job: without a session such a read sees nothing, so a mistake here fails closed. Every other
 * read, signed in or not, is one round trip.
 */
function needsSession(session: DatabaseSession | undefined, sql: string): session is DatabaseSession {
  return sessionMatters(session, {
    write: !/^\s*select\b/i.test(sql) && !INSERTS_SESSIONLESS_TABLE.test(sql),
    readsProtected: READS_PROTECTED_TABLE.test(sql),
  });
}

/**
 * Whether a statement must carry the session: every write (the audit trail records who and which
 * request), and a read of a row-level-security table by a user or a system job.
 */
export function sessionMatters(
  session: DatabaseSession | undefined,
  statement: { write: boolean; readsProtected: boolean },
): session is DatabaseSession {
  if (!session) return false;
  if (statement.write) return true;
  return Boolean(session.userId || session.system) && statement.readsProtected;
}

/**
 * Wraps a Prisma driver adapter so that the current DatabaseSession reaches PostgreSQL as
 * settings local to the transaction (never the connection), which is what keeps them correct
 * behind pgbouncer in transaction mode. A transaction Prisma opens gets the settings right
 * after BEGIN; a lone statement is run inside a short transaction that sets them first.
 */
class SessionAwareAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;

  constructor(private readonly inner: SqlDriverAdapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery) {
    return this.withSession(query, (queryable) => queryable.queryRaw(query));
  }

  executeRaw(query: SqlQuery) {
    return this.withSession(query, (queryable) => queryable.executeRaw(query));
  }

  /** The request transaction this adapter runs, with the current session's settings applied. */
  private async requestTransaction(session: DatabaseSession | undefined): Promise<Transaction | undefined> {
    const shared = session?.requestTransaction;
    const transaction = await shared?.transactionFor(this, () => this.inner.startTransaction());
    if (!shared || !transaction || !session) return undefined;
    await shared.applySettings(settingsKey(session), () => transaction.executeRaw(setSessionQuery(session)));
    return transaction;
  }

  private async withSession<T>(query: SqlQuery, work: (queryable: SqlDriverAdapter | Transaction) => Promise<T>) {
    const session = currentDatabaseSession();
    const shared = await this.requestTransaction(session);
    if (shared) return work(shared);
    if (!needsSession(session, query.sql)) return work(this.inner);
    const transaction = await this.inner.startTransaction();
    try {
      await transaction.executeRaw(setSessionQuery(session));
      const result = await work(transaction);
      await transaction.executeRaw(command("COMMIT"));
      await transaction.commit();
      return result;
    } catch (error) {
      await transaction.executeRaw(command("ROLLBACK")).catch(() => {});
      await transaction.rollback();
      throw error;
    }
  }

  async startTransaction(isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) {
    const session = currentDatabaseSession();
    // Inside a request transaction, a transaction is a savepoint in it. (Two run concurrently in
    // one request would interleave their savepoints: handlers run theirs one after another.)
    const shared = await this.requestTransaction(session);
    if (shared) return SavepointTransaction.begin(shared, session!.requestTransaction!.nextSavepointName());
    const transaction = await this.inner.startTransaction(isolationLevel);
    if (session) {
      try {
        await transaction.executeRaw(setSessionQuery(session));
      } catch (error) {
        await transaction.executeRaw(command("ROLLBACK")).catch(() => {});
        await transaction.rollback();
        throw error;
      }
    }
    return transaction;
  }

  executeScript(script: string) {
    return this.inner.executeScript(script);
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  dispose() {
    return this.inner.dispose();
  }
}

/** A driver adapter factory whose connections carry the DatabaseSession. */
export function withDatabaseSession<F extends SqlDriverAdapterFactory>(factory: F): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => new SessionAwareAdapter(await factory.connect()),
  };
}
