import pino from "pino";

/** Structured JSON logs (one line per event) on stdout; CloudWatch and local tools read them. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: "exitmatch-api" },
    redact: {
      paths: ["password", "*.password", "refreshToken", "*.refreshToken", "authorization"],
      censor: "[redacted]",
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
