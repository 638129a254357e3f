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
