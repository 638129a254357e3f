// Runs a bundled Lambda handler the way Lambda starts one: a fresh Node process, the task root
// as working directory and LAMBDA_TASK_ROOT, only the environment given, and API Gateway (HTTP
// API, payload 2.0) events. Used by the bundle benchmark and the bundle tests.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export interface BundleRun {
  /** From process start to the bundle imported (its module code evaluated), ms. */
  importMs: number;
  /** From process start to each event answered, ms. */
  answeredMs: number[];
  responses: { statusCode: number; headers?: Record<string, string>; body: string }[];
  /** From launching the process to its exit, as the parent saw it, ms. */
  wallMs: number;
}

/** An API Gateway HTTP API (payload 2.0) event for a request. */
export function apiGatewayEvent(method: string, path: string, headers: Record<string, string> = {}) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { host: "api.example.test", "user-agent": "bench", ...headers },
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.test",
      domainPrefix: "api",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "198.51.100.7", userAgent: "bench" },
      requestId: "request-1",
      routeKey: "$default",
      stage: "$default",
      time: "01/Dec/2026:09:00:00 +0000",
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
}

export async function invokeBundle(
  taskRoot: string,
  bundle: string,
  environment: Record<string, string>,
  events: unknown[],
): Promise<BundleRun> {
  const script = `
    const { handler } = await import(${JSON.stringify(bundle)});
    const importMs = performance.now();
    const events = ${JSON.stringify(events)};
    const answeredMs = [], responses = [];
    for (const event of events) {
      responses.push(await handler(event, { awsRequestId: "request-1", getRemainingTimeInMillis: () => 29000 }));
      answeredMs.push(performance.now());
    }
    // Exit once written: a pipe takes a large answer asynchronously, and exit would cut it.
    process.stdout.write("RUN " + JSON.stringify({ importMs, answeredMs, responses }) + "\\n", () => process.exit(0));`;
  const started = performance.now();
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      cwd: taskRoot,
      env: { PATH: process.env.PATH ?? "", LAMBDA_TASK_ROOT: taskRoot, ...environment },
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (error) {
    // Node quotes the failing line of the bundle, one minified line: leave it out.
    const said = String((error as { stderr?: string }).stderr ?? error)
      .split("\n")
      .filter((line) => line.length < 400);
    throw new Error(`The bundle failed:\n${said.join("\n")}`);
  }
  const wallMs = performance.now() - started;
  const line = stdout.split("\n").find((candidate) => candidate.startsWith("RUN "));
  if (!line) throw new Error(`The bundle printed no result:\n${stdout}`);
  return { ...(JSON.parse(line.slice(4)) as Omit<BundleRun, "wallMs">), wallMs };
}
