// @ts-check
// Newline-delimited JSON-RPC 2.0 over stdin/stdout, the protocol the Prisma CLI speaks to
// its schema engine. Both sides send requests: the CLI calls engine methods, and the engine
// asks the CLI to `print` (that is how `migrate diff` output reaches the terminal).
import { createInterface } from "node:readline";
import { writeProtocol } from "./protocol-stdout.mjs";

/**
 * @typedef {(method: string, params: unknown) => Promise<unknown>} MethodHandler
 * @typedef {{ code: number, message: string, data: Record<string, unknown> }} RpcError
 */

export class JsonRpcStdio {
  /** @type {Map<number, { resolve: (value: unknown) => void, reject: (error: unknown) => void }>} */
  #pendingOutgoing = new Map();
  #nextOutgoingId = 1;
  /** @type {Set<Promise<void>>} */
  #inFlight = new Set();
  /** Ids of CLI requests not answered yet. */
  /** @type {Set<number>} */
  #unanswered = new Set();

  /**
   * @param {MethodHandler} handleMethod
   * @param {(error: unknown) => RpcError} toRpcError
   */
  constructor(handleMethod, toRpcError) {
    this.handleMethod = handleMethod;
    this.toRpcError = toRpcError;
  }

  /** @param {object} message */
  send(message) {
    writeProtocol(`${JSON.stringify(message)}\n`);
  }

  /**
   * Sends a request to the CLI and waits for its answer.
   * @param {string} method
   * @param {unknown} params
   */
  request(method, params) {
    const id = this.#nextOutgoingId++;
    return new Promise((resolve, reject) => {
      this.#pendingOutgoing.set(id, { resolve, reject });
      this.send({ jsonrpc: "2.0", id, method, params });
    });
  }

  /** @param {any} message */
  #receive(message) {
    if (message.method === undefined) {
      const pending = this.#pendingOutgoing.get(message.id);
      this.#pendingOutgoing.delete(message.id);
      if (message.error) pending?.reject(message.error);
      else pending?.resolve(message.result);
      return;
    }
    this.#unanswered.add(message.id);
    const work = this.handleMethod(message.method, message.params ?? {})
      .then(
        // A result must never be undefined: the CLI waits forever for a response without one.
        (result) => this.#answer(message.id, { result: result ?? null }),
        (error) => this.#answer(message.id, { error: this.toRpcError(error) }),
      )
      .finally(() => this.#inFlight.delete(work));
    this.#inFlight.add(work);
  }

  /**
   * @param {number} id
   * @param {{ result: unknown } | { error: RpcError }} outcome
   */
  #answer(id, outcome) {
    if (!this.#unanswered.delete(id)) return;
    this.send({ jsonrpc: "2.0", id, ...outcome });
  }

  /**
   * Answers every open CLI request with this error: used when the engine fails outside
   * any request, so the command fails visibly instead of waiting or exiting quietly.
   * @param {unknown} error
   */
  failUnanswered(error) {
    for (const id of [...this.#unanswered]) this.#answer(id, { error: this.toRpcError(error) });
  }

  /** Serves until stdin closes, then waits for the requests already started. */
  async serve() {
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (line.trim() === "") continue;
      this.#receive(JSON.parse(line));
    }
    await Promise.allSettled([...this.#inFlight]);
  }
}
