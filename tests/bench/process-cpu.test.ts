// bench:requests reports each server's CPU per request from /proc, counting the server that the
// tsx CLI starts as a child of the process the benchmark spawned.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { processTreeCpuMicros } from "../../bench/support/process-cpu.ts";

const onLinux = existsSync("/proc/self/stat");

/**
 * Uses `ms` of CPU whenever told to on stdin, in a grandchild of this process: counted in CPU time,
 * not wall time, so a busy machine makes it take longer, never use less.
 */
function startBurnerTree(): ChildProcess {
  const burner = `
    process.stdin.on("data", (chunk) => {
      const start = process.cpuUsage();
      // Asking for the CPU used is a system call: ask every 100,000 turns, not every turn, or the
      // asking itself costs more system time than the work (seen as 1.6 s for 0.4 s of work).
      let spin = 0;
      while (process.cpuUsage(start).user < Number(chunk.toString()) * 1000) {
        for (let turn = 0; turn < 100000; turn += 1) spin += turn;
      }
      if (spin < 0) process.stdout.write("");
      process.stdout.write("done\\n");
    });`;
  // The parent only relays, as the tsx CLI does: the work happens in its child.
  const relay = `
    const { spawn } = require("node:child_process");
    const child = spawn(process.execPath, ["-e", ${JSON.stringify(burner)}], { stdio: "inherit" });
    process.on("SIGTERM", () => { child.kill(); process.exit(0); });`;
  return spawn(process.execPath, ["-e", relay], { stdio: ["pipe", "pipe", "inherit"] });
}

const burn = (tree: ChildProcess, ms: number) =>
  new Promise<void>((resolve) => {
    tree.stdout!.once("data", () => resolve());
    tree.stdin!.write(String(ms));
  });

describe.runIf(onLinux)("processTreeCpuMicros", () => {
  let tree: ChildProcess | undefined;
  afterEach(() => {
    tree?.kill("SIGTERM");
  });

  it("counts the CPU of a process's descendants, and only what they used", async () => {
    tree = startBurnerTree();
    await burn(tree, 50); // started and warm
    const before = processTreeCpuMicros(tree.pid!)!;
    await burn(tree, 400);
    const after = processTreeCpuMicros(tree.pid!)!;
    // 400 ms of CPU in the grandchild, read in 10 ms clock ticks.
    expect(after - before).toBeGreaterThanOrEqual(380_000);
    expect(after - before).toBeLessThan(1_500_000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // idle: nothing more is used
    expect(processTreeCpuMicros(tree.pid!)! - after).toBeLessThan(100_000);
  });

  it("is undefined for a process that is not there", () => {
    expect(processTreeCpuMicros(2 ** 22 + 1)).toBeUndefined();
  });
});
