// How a Lambda function's code is bundled: the settings infra/ hands to SST's bundler (esbuild,
// ESM, run by SST's Go side), in one place, and the same build done here, so the bundle
// benchmark and the migrator's test build what a deploy ships.
//
// SST 4.17's bundler takes `nodejs.banner`, `loader`, `install`, `minify`, `esbuild.external`
// and `hook.postbuild` but ignores `esbuild.define` and runs `nodejs.plugins` through a stub
// that never matches a filter (its pkg/runtime/node/build.go, plugin.mjs), so this project uses
// neither: the migration names are a banner, and the query compiler's wasm is moved out of the
// bundle after the build.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { migrationNamesBanner } from "./migrations.ts";

/** The banner SST's bundler puts first in every ESM function (require for CommonJS packages). */
export const SST_BANNER = [
  "import { createRequire as topLevelCreateRequire } from 'module';",
  "const require = topLevelCreateRequire(import.meta.url);",
  'import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"',
  "const __filename = topLevelFileUrlToPath(import.meta.url)",
  'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))',
].join("\n");

/**
 * What infra/lambda.ts passes to SST for every function. Some packages stay outside the bundle:
 * @node-rs/argon2 is a native module SST installs for the function's architecture (`install`);
 * pdfkit (the heads of terms) reads its standard fonts through a runtime `require` of its own
 * package imports, which only an installed copy can answer; the AWS SDK v3 is part of the
 * Node.js Lambda runtime. Both installed packages are loaded on first use, not at start.
 */
export const LAMBDA_NODEJS = {
  format: "esm",
  minify: true,
  external: ["@node-rs/argon2", "pdfkit", "@aws-sdk/*"],
  install: ["@node-rs/argon2", "pdfkit"],
  loader: { ".node": "copy" },
} as const;

/** The file the query compiler's wasm is moved to, in the function's root (LAMBDA_TASK_ROOT). */
export const QUERY_COMPILER_FILE = "query_compiler_bg.wasm";

/**
 * Prisma's generated client inlines its query compiler (1.7 MB of wasm) as a 2.3 MB base64
 * string, which V8 parses with the module on every cold start. After the build, this moves it
 * to a file beside the code and has the bundle read it (a few ms). SST calls it as the
 * functions' `hook.postbuild`; bundles without the client are left as they are.
 */
export async function moveInlinedWasmToFile(outDir: string): Promise<void> {
  for (const file of bundleFiles(outDir)) {
    const text = readFileSync(file, "utf8");
    const match = /(["'`])([A-Za-z0-9+/]{500000,}={0,2})\1/.exec(text);
    if (!match) continue;
    writeFileSync(join(outDir, QUERY_COMPILER_FILE), Buffer.from(match[2]!, "base64"));
    const read = `process.getBuiltinModule("node:fs").readFileSync((process.env.LAMBDA_TASK_ROOT??import.meta.dirname)+"/${QUERY_COMPILER_FILE}","base64")`;
    writeFileSync(file, text.slice(0, match.index) + read + text.slice(match.index + match[0].length));
  }
}

function bundleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".mjs"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Files a function needs beside its code. */
export function functionFiles(kind: "api" | "migrator" | "job"): { from: string; to: string }[] {
  if (kind === "api") {
    // The API reference's script, served by the app (functions/api/routes/reference-page.ts).
    return [{ from: "node_modules/@scalar/api-reference/dist/browser/standalone.js", to: "scalar-standalone.js" }];
  }
  if (kind !== "migrator") return [];
  return [
    // The wasm schema engine (prisma/engine/load-wasm-engine.mjs looks for it in the task root).
    { from: "node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm", to: "schema_engine_bg.wasm" },
    { from: "prisma/migrations", to: "prisma/migrations" },
  ];
}

/** Copies `functionFiles` into a bundle folder, as SST's copyFiles does in a deploy. */
export function copyFunctionFiles(kind: "api" | "migrator" | "job", outdir: string, root = process.cwd()) {
  for (const { from, to } of functionFiles(kind)) {
    const target = join(outdir, to);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(root, from), target, { recursive: true });
  }
}

/**
 * Bundles one handler as `sst deploy` does (SST's esbuild options with LAMBDA_NODEJS, the
 * banner, the postbuild step, copyFiles) to `<outdir>/<handler path>.mjs`; returns that path.
 * Native packages are not installed: the caller provides them (the benchmark links the local
 * node_modules copy of @node-rs/argon2).
 */
export async function bundleFunction(
  kind: "api" | "migrator" | "job",
  handlerFile: string,
  outdir: string,
  root = process.cwd(),
): Promise<string> {
  const { build } = await import("esbuild");
  const outfile = join(outdir, handlerFile.replace(/\.ts$/, ".mjs"));
  await build({
    entryPoints: [join(root, handlerFile)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "esnext",
    mainFields: ["module", "main"],
    keepNames: true,
    minify: LAMBDA_NODEJS.minify,
    external: ["sharp", "pg-native", ...LAMBDA_NODEJS.external],
    loader: LAMBDA_NODEJS.loader,
    banner: { js: `${SST_BANNER}\n${migrationNamesBanner(join(root, "prisma/migrations"))}` },
    logLevel: "silent",
  });
  await moveInlinedWasmToFile(outdir);
  copyFunctionFiles(kind, outdir, root);
  return outfile;
}
