import { Writable } from "node:stream";
import { createLogger } from "../../functions/runtime/logger.ts";

/** A real pino logger whose lines a test can read back, parsed. */
export function capturingLogger(level = "info") {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).trim().split("\n")) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger(level, destination), lines };
}
