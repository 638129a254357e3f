import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const require = createRequire(import.meta.url);
const PRISMA_CLI = require.resolve("prisma/build/index.js");
export const REPO_ROOT = resolve(import.meta.dirname, "../..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertions that do not care which. */
  output: string;
}

/** Runs the standard Prisma CLI (no mocks): `prisma <args>` with DIRECT_URL set. */
export function runPrisma(
  args: string[],
  options: { directUrl?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env };
    delete env.DATABASE_URL;
    if (options.directUrl === undefined) delete env.DIRECT_URL;
    else env.DIRECT_URL = options.directUrl;
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], { cwd: options.cwd ?? REPO_ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, stdout, stderr, output: stdout + stderr }));
  });
}

export interface ScratchProject {
  dir: string;
  config: string;
  migrations: string;
  schema: string;
  remove(): Promise<void>;
}

/**
 * A copy of the repository's schema and migrations in a throwaway folder (inside the repo, so
 * `prisma/config` resolves), with its own prisma.config.ts, for tests that add migrations.
 */
export async function createScratchProject(): Promise<ScratchProject> {
  const dir = join(REPO_ROOT, ".data", "scratch", randomBytes(4).toString("hex"));
  await mkdir(dir, { recursive: true });
  await cp(join(REPO_ROOT, "prisma/schema"), join(dir, "schema"), { recursive: true });
  await cp(join(REPO_ROOT, "prisma/migrations"), join(dir, "migrations"), { recursive: true });
  const engine = join(REPO_ROOT, "prisma/engine/schema-engine.mjs");
  const config = join(dir, "prisma.config.ts");
  await writeFile(
    config,
    `import { defineConfig } from "prisma/config";
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= ${JSON.stringify(engine)};
export default defineConfig({
  schema: "schema",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DIRECT_URL ?? "" },
});
`,
  );
  // The generator writes next to the schema; keep it inside the scratch folder.
  return {
    dir,
    config,
    migrations: join(dir, "migrations"),
    schema: join(dir, "schema"),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
