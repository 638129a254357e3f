import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Applies pending migrations with the standard `prisma migrate deploy` (through the wasm
 * schema engine that prisma.config.ts selects), against the direct, unpooled URL.
 * Resolves with the CLI's output; rejects with it when the CLI fails.
 */
export function applyMigrations(directUrl: string): Promise<string> {
  const prismaCli = require.resolve("prisma/build/index.js");
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [prismaCli, "migrate", "deploy"], {
      env: { ...process.env, DIRECT_URL: directUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePromise(output);
      else reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output.trim()}`));
    });
  });
}
