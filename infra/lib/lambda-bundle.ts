// How a Lambda function's code is bundled: the settings infra/ hands to SST's bundler (esbuild,
// ESM), in one place, so the bundle benchmark and the migrator's test build exactly what a
// deploy ships.
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { bundleDefines, MIGRATIONS_DIR } from "./bundle-defines.ts";

/**
 * esbuild options for a handler. ESM needs `require` for the CommonJS packages it bundles (pg,
 * Prisma's runtime), hence the banner. Native and runtime-provided packages stay outside:
 * @node-rs/argon2 is a native module installed per architecture (SST's `nodejs.install`), and
 * the AWS SDK v3 is part of the Node.js Lambda runtime.
 */
export const LAMBDA_ESBUILD = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  minify: true,
  sourcemap: false,
  external: ["@node-rs/argon2", "@aws-sdk/*"],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  define: bundleDefines(),
  loader: { ".node": "copy" },
} as const;

/** Packages installed into the function's package, for its architecture, instead of bundled. */
export const LAMBDA_INSTALL = ["@node-rs/argon2"];

/** Files a function needs beside its code. */
export function functionFiles(kind: "api" | "migrator" | "job"): { from: string; to: string }[] {
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

export { MIGRATIONS_DIR };
