import type { SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

const command = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

/**
 * One database transaction that every query of a piece of work joins, however deep and through
 * whichever Prisma call: what makes a request's writes and the record of its response commit
 * together (the Idempotency-Key middleware). It is begun lazily, on the first query, by the
 * driver adapter that runs it (database-session.ts); a `prisma.$transaction` inside it becomes a
 * savepoint. Only one adapter (one connection pool) can own it: queries through any other client
 * (a read replica) run outside it, as they would anyway.
 */
export class RequestTransaction {
  #owner: object | undefined;
  #transaction: Promise<Transaction> | undefined;
  #settings: string | undefined;
  #savepoints = 0;
  #state: "open" | "finished" = "open";

  /**
   * The transaction, begun now if this is the first query; undefined when it is finished or
   * another adapter owns it (the query then runs on its own).
   */
  async transactionFor(owner: object, begin: () => Promise<Transaction>): Promise<Transaction | undefined> {
    if (this.#state !== "open") return undefined;
    if (this.#owner === undefined) {
      this.#owner = owner;
      this.#transaction = begin();
    }
    return this.#owner === owner ? this.#transaction : undefined;
  }

  /** Runs `apply` when the settings identified by `key` are not the ones applied last. */
  async applySettings(key: string, apply: () => Promise<unknown>) {
    if (this.#settings === key) return;
    this.#settings = key;
    await apply();
  }

  nextSavepointName() {
    this.#savepoints += 1;
    return `request_sp_${this.#savepoints}`;
  }

  /** Commits what the work did, if it did anything. Throws when the database does (an outage). */
  async commit() {
    await this.#finish("COMMIT");
  }

  /** Undoes what the work did. Never throws: a lost connection has rolled back already. */
  async rollback() {
    await this.#finish("ROLLBACK").catch(() => {});
  }

  async #finish(sql: "COMMIT" | "ROLLBACK") {
    if (this.#state !== "open") return;
    this.#state = "finished";
    if (!this.#transaction) return;
    const transaction = await this.#transaction;
    try {
      await transaction.executeRaw(command(sql));
    } finally {
      await (sql === "COMMIT" ? transaction.commit() : transaction.rollback());
    }
  }
}

/**
 * What `prisma.$transaction` gets inside a request transaction: a savepoint in it. Prisma ends a
 * transaction by sending COMMIT or ROLLBACK through it and then calling commit() or rollback();
 * here those become RELEASE and ROLLBACK TO the savepoint, and the connection stays with the
 * request transaction.
 */
export class SavepointTransaction implements Transaction {
  readonly provider: Transaction["provider"];
  readonly adapterName: string;
  readonly options = { usePhantomQuery: false };

  constructor(
    private readonly outer: Transaction,
    private readonly savepoint: string,
  ) {
    this.provider = outer.provider;
    this.adapterName = outer.adapterName;
  }

  static async begin(outer: Transaction, savepoint: string) {
    await outer.executeRaw(command(`SAVEPOINT ${savepoint}`));
    return new SavepointTransaction(outer, savepoint);
  }

  queryRaw(query: SqlQuery) {
    return this.outer.queryRaw(query);
  }

  async executeRaw(query: SqlQuery) {
    const sql = query.sql.trim().toUpperCase();
    if (sql === "COMMIT") return this.outer.executeRaw(command(`RELEASE SAVEPOINT ${this.savepoint}`));
    if (sql === "ROLLBACK") {
      await this.outer.executeRaw(command(`ROLLBACK TO SAVEPOINT ${this.savepoint}`));
      return this.outer.executeRaw(command(`RELEASE SAVEPOINT ${this.savepoint}`));
    }
    return this.outer.executeRaw(query);
  }

  async commit() {}

  async rollback() {}

  async createSavepoint(name: string) {
    await this.outer.executeRaw(command(`SAVEPOINT ${name}`));
  }

  async rollbackToSavepoint(name: string) {
    await this.outer.executeRaw(command(`ROLLBACK TO SAVEPOINT ${name}`));
  }

  async releaseSavepoint(name: string) {
    await this.outer.executeRaw(command(`RELEASE SAVEPOINT ${name}`));
  }
}
