#!/usr/bin/env node
// @ts-check
// The executable Prisma's CLI runs as its schema engine (prisma.config.ts names it in
// PRISMA_SCHEMA_ENGINE_BINARY). It keeps stdout for the protocol, then loads the engine host
// (schema-engine-host.mjs). If the host cannot even load (a dependency missing from this
// install, say), it says so in the CLI's own terms instead of crashing where the CLI would read
// the crash as a garbled answer: as a logged error, and as the error of every request it gets.
import { createInterface } from "node:readline";
import { reserveStdoutForProtocol, writeProtocol } from "./protocol-stdout.mjs";

reserveStdoutForProtocol();

try {
  await import("./schema-engine-host.mjs");
} catch (error) {
  const message =
    "The wasm schema engine (prisma/engine/) could not start: " +
    `${/** @type {any} */ (error)?.message ?? String(error)}. ` +
    "Reinstall the dependencies (npm ci, or pnpm install) and check that every package it imports is in package.json.";
  const logLine = `${JSON.stringify({ level: "ERROR", target: "schema_engine::logger", fields: { message } })}\n`;
  const oneShot = process.argv.includes("cli") || process.argv.includes("--version") || process.argv.includes("-V");
  // In one-shot mode the CLI skips stderr's first line and reads the rest as JSON log lines.
  process.stderr.write(oneShot ? `schema engine: could not start\n${logLine}` : logLine);
  if (oneShot) process.exit(1);
  // Serving mode: answer every request the CLI sends with the reason, until it hangs up.
  for await (const line of createInterface({ input: process.stdin })) {
    let id;
    try {
      id = JSON.parse(line).id;
    } catch {
      continue;
    }
    if (id === undefined) continue;
    writeProtocol(
      `${JSON.stringify({ jsonrpc: "2.0", id, error: { code: -32603, message, data: { is_panic: false, message } } })}\n`,
    );
  }
  process.exit(1);
}
