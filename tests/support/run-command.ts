import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { REPO_ROOT } from "./prisma-cli.ts";

const require = createRequire(import.meta.url);
const TSX_CLI = require.resolve("tsx/cli");

export interface RunningCommand {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves when the output contains `text`; rejects on exit or after `timeoutMs`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts one of the project's TypeScript commands the way npm scripts do (through tsx). */
export function startCommand(script: string, args: string[], env: NodeJS.ProcessEnv): RunningCommand {
  const child = spawn(process.execPath, [TSX_CLI, script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, NO_COLOR: "1" },
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exited,
    waitFor(text, timeoutMs = 60_000) {
      const found = () => (typeof text === "string" ? output.includes(text) : text.test(output));
      return new Promise((resolve, reject) => {
        if (found()) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`Timed out waiting for ${text}. Output:\n${output}`)),
          timeoutMs,
        );
        const check = () => {
          if (!found()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        void exited.then(() => {
          if (!found()) reject(new Error(`Exited before ${text}. Output:\n${output}`));
        });
      });
    },
  };
}

/** Runs a command to completion. */
export async function runCommand(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const command = startCommand(script, args, env);
  const { code } = await command.exited;
  return { code, output: command.output() };
}
