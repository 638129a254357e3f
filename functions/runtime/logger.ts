import pino from "pino";

/**
 * Structured JSON logs (one line per event) on stdout, which CloudWatch and local tools read.
 * Tests pass a destination to read what was logged.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "exitmatch-api" },
    redact: {
      paths: ["password", "*.password", "refreshToken", "*.refreshToken", "authorization"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = ReturnType<typeof createLogger>;

/**
 * Standard output for a long-running server (`npm start`): written asynchronously, lines that
 * arrive while a write is in flight joined into the next one, so logging a line per request
 * costs the request no blocking system call (bench:requests). Call flushSync() before the
 * process exits. Lambda keeps pino's synchronous default: a frozen instance must not hold lines.
 */
export function asyncStdout() {
  return pino.destination({ dest: 1, sync: false });
}
