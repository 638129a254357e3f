import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** What wrk measured over one run. */
export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx/3xx responses and socket errors. */
  errors: number;
}

const run = promisify(execFile);

/** Whether wrk (Debian's package) is installed. */
export async function hasWrk(): Promise<boolean> {
  return run("wrk", ["--version"]).then(
    () => true,
    (error: { stdout?: string }) => /wrk/.test(error.stdout ?? ""), // wrk --version exits 1
  );
}

const MS_PER_UNIT: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
const toMs = (text: string) => {
  const [, value, unit] = /([\d.]+)(us|ms|s|m)$/.exec(text.trim()) ?? [];
  if (value === undefined || unit === undefined) throw new Error(`wrk printed a latency I cannot read: ${text}`);
  return Number(value) * MS_PER_UNIT[unit]!;
};

/** Reads wrk's report (run with --latency). */
export function parseWrkOutput(output: string): WrkResult {
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? Number.NaN);
  const latency = (percent: string) => toMs(new RegExp(`^\\s+${percent}%\\s+(\\S+)`, "m").exec(output)?.[1] ?? "");
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const result = {
    requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: latency("50"),
    p99Ms: latency("99"),
    requests: number(/(\d+) requests in/),
    errors:
      (Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0) || 0) +
      (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0),
  };
  if (Number.isNaN(result.requestsPerSecond)) throw new Error(`wrk printed no throughput:\n${output}`);
  return result;
}

/**
 * Loads `origin` with wrk (threads, connections, seconds), cycling through `paths` (GET) and
 * through the `headers` sets, and returns its numbers. wrk is a C load generator: it takes far less of this 2-core machine than
 * a Node one would, so the servers, not the load, are what is measured.
 */
export async function runWrk(
  origin: string,
  paths: readonly string[],
  options: {
    threads: number;
    connections: number;
    seconds: number;
    /** Header sets taken in turn, one per request (say, several people's tokens). */
    headers?: readonly Record<string, string>[];
  },
): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), "exitmatch-wrk-"));
  try {
    const script = join(dir, "paths.lua");
    writeFileSync(
      script,
      `local paths = { ${paths.map((path) => JSON.stringify(path)).join(", ")} }\n` +
        `local headers = { ${(options.headers ?? [{}]).map(luaTable).join(", ")} }\n` +
        "local i = 0\n" +
        "request = function()\n  i = i + 1\n" +
        "  return wrk.format('GET', paths[(i - 1) % #paths + 1], headers[(i - 1) % #headers + 1])\nend\n",
    );
    const { stdout } = await run(
      "wrk",
      [`-t${options.threads}`, `-c${options.connections}`, `-d${options.seconds}s`, "--latency", "-s", script, origin],
      { maxBuffer: 1 << 20 },
    );
    return parseWrkOutput(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Lua table literal of string keys and values. */
function luaTable(fields: Record<string, string>): string {
  return `{ ${Object.entries(fields)
    .map(([name, value]) => `[${JSON.stringify(name)}] = ${JSON.stringify(value)}`)
    .join(", ")} }`;
}
