/**
 * CPU seconds (user + system) of every process below this one, from /proc (Linux only). Around a
 * browser run this counts Chromium's browser, renderer (page and Web Worker threads) and helper
 * processes; unlike wall time it does not grow while the machine's other jobs hold the cores.
 */
import { readFileSync } from "node:fs";
import { childrenOf } from "../full/measure.js";

// USER_HZ: 100 on Linux for every architecture Node supports.
const TICKS_PER_SECOND = 100;

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at state, field 3; utime and stime are 14 and 15.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

export function descendantsCpuSeconds(root: number): number {
  let ticks = 0;
  const stack = childrenOf(root);
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    ticks += cpuTicks(pid);
    stack.push(...childrenOf(pid));
  }
  return ticks / TICKS_PER_SECOND;
}
