import { spawn } from "node:child_process";

/** Runs a program to completion; rejects with its last lines of stderr when it fails. */
export function runProgram(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else {
        const lastLines = stderr.trim().split("\n").slice(-3).join(" | ");
        reject(new Error(`${path.split("/").at(-1)} exited with code ${code}: ${lastLines || "no output"}`));
      }
    });
  });
}
