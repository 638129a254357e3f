// @ts-check
// Loaded by schema-engine.mjs, which keeps stdout for the protocol first.
// A drop-in replacement for Prisma's native `schema-engine` binary, backed by the official
// wasm build of the same engine (@prisma/schema-engine-wasm) and @prisma/adapter-pg.
//
// Why: the Prisma CLI downloads the native binary on first use, which fails on machines
// without access to Prisma's binary host (CI here, air-gapped networks, AWS Lambda).
// prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at this file, so every standard
// command (`prisma migrate deploy|status|dev|diff|reset|resolve`, `db push|execute|pull`,
// `generate`) works unchanged. See docs/schema-engine.md for the protocol notes.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { JsonRpcStdio } from "./json-rpc-stdio.mjs";
import { loadWasmEngineBindings } from "./load-wasm-engine.mjs";
import { createMigrationAdapterFactory } from "./migration-adapter-factory.mjs";
import { runOneShotCommand } from "./one-shot-commands.mjs";
import { writeProtocol } from "./protocol-stdout.mjs";
import { toRpcError } from "./rpc-errors.mjs";

// The CLI closes our pipes early on shutdown; a write then must not crash us.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (/** @type {any} */ error) => {
    if (error.code !== "EPIPE") throw error;
  });
}

/** @type {JsonRpcStdio | undefined} */
let rpc;
/** Set once the engine fails outside any request: every open and later request fails with it. */
/** @type {(error: unknown) => void} */
let failInBackground = () => {};

// The wasm engine connects in the background; a failure there (say, the database does not
// exist) escapes as an uncaught error. Exiting then is no good: the CLI may already have
// written its request and would wait for an answer that never comes, and `migrate diff`
// then exits 0 with no output. So keep serving, and fail open and later requests with it.
for (const event of ["uncaughtException", "unhandledRejection"]) {
  process.on(event, (error) => {
    const message = /** @type {any} */ (error)?.message ?? String(error);
    process.stderr.write(
      `${JSON.stringify({ level: "ERROR", target: "schema_engine::logger", fields: { message } })}\n`,
    );
    process.stderr.write(`${/** @type {any} */ (error)?.stack ?? ""}\n`);
    failInBackground(error);
    rpc?.failUnanswered(error);
  });
}

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: {
    datamodels: { type: "string", multiple: true },
    datasource: { type: "string" },
    version: { type: "boolean", short: "V" },
    "enabled-preview-features": { type: "string" },
    "extension-types": { type: "string" },
  },
});

/** @type {{ url?: string, shadowDatabaseUrl?: string }} */
const datasource = typeof options.datasource === "string" ? JSON.parse(options.datasource) : {};

if (options.version) {
  const bindings = await loadWasmEngineBindings();
  writeProtocol(`schema-engine-cli ${bindings.version()} (wasm, exitmatch)\n`);
  process.exit(0);
}

if (positionals[0] === "cli") {
  process.exit(await runOneShotCommand(String(positionals[1]), datasource));
}

await serveCli();

async function serveCli() {
  const bindings = await loadWasmEngineBindings();
  const adapterFactory = createMigrationAdapterFactory(datasource);
  const boundFactory = bindMigrationAwareSqlAdapterFactory(/** @type {any} */ (adapterFactory));
  const datamodelPaths = /** @type {string[]} */ (options.datamodels ?? []);
  const datamodels = await Promise.all(
    datamodelPaths.map(async (path) => /** @type {[string, string]} */ ([path, await readFile(path, "utf8")])),
  );

  // Not awaited here: the engine connects while it is built, and if that fails the error
  // arrives as an uncaught exception. Requests wait on this promise, which that failure
  // rejects, so the CLI gets an answer instead of an engine that quietly went away.
  /** @type {Promise<import("@prisma/schema-engine-wasm").SchemaEngine>} */
  const engineReady = new Promise((resolve, reject) => {
    failInBackground = reject;
    bindings.SchemaEngine.new(
      { datamodels: datamodels.length > 0 ? datamodels : undefined },
      (/** @type {string} */ log) => process.stderr.write(`${log}\n`),
      boundFactory,
    ).then(resolve, reject);
  });
  engineReady.catch(() => {});

  rpc = new JsonRpcStdio(
    (method, params) => callEngine(method, /** @type {any} */ (params)),
    (error) => toRpcError(error, boundFactory.errorRegistry),
  );

  /** Drops shadow databases a cancelled command left behind, then exits. */
  async function shutDown(/** @type {number} */ code) {
    await Promise.allSettled([...adapterFactory.liveShadowDatabases].map(adapterFactory.dropShadowDatabase));
    process.exit(code);
  }
  process.on("SIGTERM", () => void shutDown(0));
  process.on("SIGINT", () => void shutDown(130));

  /**
   * @param {string} method
   * @param {any} params
   */
  async function callEngine(method, params) {
    const engine = await engineReady;
    switch (method) {
      case "getDatabaseVersion":
        return bindings.version();
      case "createDatabase":
        throw new Error("createDatabase is handled by `prisma` through `cli create-database`.");
      case "diff": {
        const result = await engine.diff(params);
        if (result.stdout) await rpc?.request("print", { content: result.stdout });
        return { exitCode: result.exitCode };
      }
      case "evaluateDataLoss":
      case "createMigration":
        return withFreshShadowDiagnostic(method, params);
      default: {
        const handler = /** @type {any} */ (engine)[method];
        if (typeof handler !== "function") throw new Error(`The wasm schema engine has no method ${method}.`);
        return handler.call(engine, params);
      }
    }
  }

  /**
   * Right after pending migrations were applied, the wasm engine may fail these with
   * "PostgreSQL shadow DB must be provided through an external factory"; a devDiagnostic
   * over the same migrations resets its state, and the call then succeeds.
   * @param {"evaluateDataLoss" | "createMigration"} method
   * @param {any} params
   */
  async function withFreshShadowDiagnostic(method, params) {
    const engine = await engineReady;
    try {
      return await engine[method](params);
    } catch (error) {
      if (!String(/** @type {any} */ (error)?.message ?? error).includes("external factory")) throw error;
      await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters ?? {} });
      return engine[method](params);
    }
  }

  await rpc.serve();
  await shutDown(0);
}
