// @ts-check
// Instantiates @prisma/schema-engine-wasm on plain Node 20.
//
// The package's entry point imports its .wasm file as an ES module, which Node 20 cannot
// do, so we compile the module ourselves and hand it to the wasm-bindgen glue.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

// @types/node for Node 20 does not declare the WebAssembly global.
const { WebAssembly } = /** @type {any} */ (globalThis);

/**
 * Where the wasm engine writes a panic's message before it traps (the glue calls
 * `global.PRISMA_WASM_PANIC_REGISTRY.set_message`); rpc-errors.mjs reports it.
 */
export const panicRegistry = {
  message: /** @type {string | undefined} */ (undefined),
  /** @param {string} message */
  set_message(message) {
    this.message = message;
  },
  /** @returns {string | undefined} the last panic message, once */
  take() {
    const message = this.message;
    this.message = undefined;
    return message;
  },
};
/** @type {any} */ (globalThis).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

let loaded = /** @type {Promise<typeof glue> | undefined} */ (undefined);

/**
 * The engine's .wasm file: in the installed package, or, in a Lambda bundle (which has no
 * node_modules), copied beside the code in the function's root.
 */
function wasmPath() {
  if (process.env.LAMBDA_TASK_ROOT) return join(process.env.LAMBDA_TASK_ROOT, "schema_engine_bg.wasm");
  const gluePath = fileURLToPath(import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  return join(dirname(gluePath), "schema_engine_bg.wasm");
}

/** @returns {Promise<typeof glue>} the bindings, with the wasm instance started once */
export function loadWasmEngineBindings() {
  loaded ??= (async () => {
    const bytes = await readFile(wasmPath());
    const module = await WebAssembly.compile(bytes);
    const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": /** @type {any} */ (glue) });
    glue.__wbg_set_wasm(instance.exports);
    /** @type {any} */ (instance.exports).__wbindgen_start();
    return glue;
  })();
  return loaded;
}
