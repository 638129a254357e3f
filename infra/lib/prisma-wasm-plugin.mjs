// @ts-check
// An esbuild plugin for Lambda bundles: Prisma's query compiler (wasm, 1.7 MB) ships as its own
// file beside the code instead of a 2.3 MB base64 string inside it. A string that size is
// compiled with the module on every cold start (about 80 ms, bench:lambda); a file is read in
// a few. SST loads this file through `nodejs.plugins` (infra/api.ts); the bundle benchmark and
// the migrator's test use it directly.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const QUERY_COMPILER_FILE = "query_compiler_bg.wasm";

/** @returns {import("esbuild").Plugin} */
export function prismaWasmFile() {
  return {
    name: "prisma-query-compiler-wasm-file",
    setup(build) {
      /** @type {string | undefined} */
      let base64Path;
      build.onResolve({ filter: /query_compiler_[a-z]+_bg\.[a-z]+\.wasm-base64\.mjs$/ }, async (args) => {
        if (args.pluginData?.realPath) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: { realPath: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        base64Path = resolved.path;
        return { path: resolved.path, namespace: "prisma-wasm-file" };
      });
      build.onLoad({ filter: /.*/, namespace: "prisma-wasm-file" }, () => ({
        contents: `
          import { readFileSync } from "node:fs";
          import { join } from "node:path";
          // The decoded wasm, beside the bundle (LAMBDA_TASK_ROOT in Lambda).
          export const wasm = readFileSync(
            join(process.env.LAMBDA_TASK_ROOT ?? import.meta.dirname, ${JSON.stringify("QUERY_COMPILER_FILE")}),
          ).toString("base64");`.replace('"QUERY_COMPILER_FILE"', JSON.stringify(QUERY_COMPILER_FILE)),
        loader: "js",
      }));
      build.onEnd(async (result) => {
        if (result.errors.length > 0 || !base64Path) return;
        const source = readFileSync(base64Path, "utf8");
        const encoded = /wasm\s*=\s*"([^"]+)"/.exec(source)?.[1];
        if (!encoded) throw new Error(`No base64 wasm found in ${base64Path}`);
        const outdir = build.initialOptions.outdir ?? dirname(build.initialOptions.outfile ?? ".");
        writeFileSync(join(outdir, QUERY_COMPILER_FILE), Buffer.from(encoded, "base64"));
      });
    },
  };
}

export default [prismaWasmFile()];
