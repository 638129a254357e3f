// @ts-check
// Shapes errors thrown by the wasm engine like the native engine's JSON-RPC errors, so the
// CLI prints them the same way (error codes such as P3018, the real PostgreSQL message).

import { panicRegistry } from "./load-wasm-engine.mjs";

/** @typedef {{ consumeError(id: number): { error: unknown } | undefined }} ErrorRegistry */

/**
 * The wasm engine reports JavaScript-side failures as "External error id#N"; the text lives
 * in the adapter's error registry.
 * @param {string} text
 * @param {ErrorRegistry} registry
 */
function resolveExternalErrors(text, registry) {
  return text.replace(/External error id#(\d+)/g, (original, id) => {
    const entry = registry.consumeError(Number(id));
    if (!entry) return original;
    const error = /** @type {any} */ (entry.error);
    return error?.message ?? String(error);
  });
}

/**
 * @param {unknown} thrown
 * @param {ErrorRegistry} registry
 * @returns {import("./json-rpc-stdio.mjs").RpcError}
 */
export function toRpcError(thrown, registry) {
  const error = /** @type {any} */ (thrown);
  // A panic traps the wasm instance ("unreachable"); its message was stored just before.
  const panicMessage = panicRegistry.take();
  if (panicMessage) {
    return {
      code: 4466,
      message: "The schema engine panicked.",
      data: { is_panic: true, message: panicMessage, error: { message: panicMessage } },
    };
  }
  const message = resolveExternalErrors(String(error?.message ?? error), registry);
  const meta = error?.meta ? JSON.parse(resolveExternalErrors(JSON.stringify(error.meta), registry)) : undefined;
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: {
      is_panic: Boolean(error?.is_panic),
      message,
      ...(error?.error_code ? { error_code: error.error_code } : {}),
      ...(meta ? { meta } : {}),
    },
  };
}
