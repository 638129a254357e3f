import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Loads `.env` from the project root into process.env, if the file exists. Variables already
 * set in the environment win. Prisma 7 no longer reads .env by itself, so every command (and
 * prisma.config.ts) calls this once at start.
 */
export function loadEnvFile(path = resolve(import.meta.dirname, "../../.env")): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
