import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time (user + system, in microseconds) a process and all its descendants have used so far,
 * read from Linux's /proc; undefined where there is no /proc (macOS), so a benchmark prints its
 * other figures without it. Descendants count because a server started through the tsx CLI runs
 * in a child of the process we spawned. Throughput on a shared 2-core machine swings from run to
 * run; the CPU a server spends per request moves much less, and says which process is the cost.
 */
export function processTreeCpuMicros(pid: number): number | undefined {
  const ticks = treeTicks(pid);
  return ticks === undefined ? undefined : (ticks * 1_000_000) / clockTicksPerSecond();
}

function treeTicks(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Fields after the command name, which is in parentheses and may itself hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  let ticks = Number(fields[11]) + Number(fields[12]);
  for (const child of childrenOf(pid)) ticks += treeTicks(child) ?? 0;
  return ticks;
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((thread) =>
      readFileSync(`/proc/${pid}/task/${thread}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

let ticksPerSecond: number | undefined;
/** The kernel's clock tick (USER_HZ), in which /proc reports CPU time: 100 on every common Linux. */
function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}
