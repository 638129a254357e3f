import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");

/** Starts a TypeScript entry point as a child process; resolves once it prints `readyText`. */
export function startServer(args: string[], env: NodeJS.ProcessEnv, readyText: string): Promise<ChildProcess> {
  return new Promise((resolveServer, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (!output.includes(readyText)) return;
      // Ready: from here its output (a log line per request) is drained and dropped, not kept
      // and searched, which would cost this process more than the server it measures.
      for (const stream of [child.stdout!, child.stderr!]) {
        stream.off("data", onData);
        stream.on("data", () => undefined);
      }
      output = output.slice(-4096);
      resolveServer(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

/** Stops a server started by startServer (SIGINT: it shuts down cleanly) and waits for it. */
export async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGINT");
  await new Promise((resolveExit) => child.once("exit", resolveExit));
}
