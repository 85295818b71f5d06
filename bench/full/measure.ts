/**
 * Runs one benchmark child process under GNU time and watches its memory: `/usr/bin/time -v` gives
 * the largest single process's peak RSS; sampling /proc every 200 ms gives the peak of the whole
 * process tree's proportional set size (PSS), which counts memory shared between rstan's forked or
 * launched chain processes once (every 200 ms for 10 s, then every 2 s). Linux only (reads /proc).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the whole process (start-up, package loading, fit, summary). */
  process_s: number;
  /** GNU time's "Maximum resident set size" in MB (largest single process of the tree). */
  max_rss_mb: number | null;
  /** Peak of summed PSS over the process tree, sampled every 200 ms (MB). */
  peak_tree_pss_mb: number | null;
  /**
   * User + system CPU seconds of the process and the children it waited for (GNU time). Less
   * sensitive than wall time to other jobs on the machine, which only delay a process.
   */
  cpu_s: number | null;
  timedOut: boolean;
}

/** Direct children of a process, from every one of its threads' /proc children lists (Linux only). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim();
      if (text) for (const c of text.split(/\s+/)) out.push(Number(c));
    } catch {
      // the task ended between listing and reading
    }
  }
  return out;
}

/** Every descendant of pid, deepest first. */
function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const c of childrenOf(pid)) out.push(...descendants(c), c);
  return out;
}

function treePssKb(root: number): number {
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      if (m) total += Number(m[1]);
    } catch {
      // process gone
    }
    stack.push(...childrenOf(pid));
  }
  return total;
}

const GNU_TIME = "/usr/bin/time";

export function runMeasured(cmd: string, args: readonly string[], options: { cwd: string; timeoutS: number; env?: NodeJS.ProcessEnv }): Promise<Measured> {
  const useTime = existsSync(GNU_TIME);
  const [file, argv] = useTime ? [GNU_TIME, ["-v", cmd, ...args]] : [cmd, [...args]];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"], ...(options.env ? { env: options.env } : {}) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    let peakKb = 0;
    // Every 200 ms for the first 10 s, then every 2 s: reading smaps_rollup of large R processes
    // costs CPU that the measured fit, on a busy 2-core machine, would otherwise get (a long fit's
    // memory peak is a plateau, so the coarser sampling loses little).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = (): void => {
      if (child.pid !== undefined) peakKb = Math.max(peakKb, treePssKb(child.pid));
      timer = setTimeout(poll, performance.now() - t0 < 10_000 ? 200 : 2000);
    };
    timer = setTimeout(poll, 200);
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      // GNU time forwards no signal, so end every process this child started (rstan's chain
      // processes included), deepest first, then time itself.
      if (child.pid !== undefined) {
        for (const p of [...descendants(child.pid), child.pid]) {
          try {
            process.kill(p, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }
    }, options.timeoutS * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      clearTimeout(killer);
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      resolve({
        code,
        stdout,
        stderr,
        process_s: (performance.now() - t0) / 1000,
        max_rss_mb: m ? Number(m[1]) / 1024 : null,
        peak_tree_pss_mb: peakKb > 0 ? peakKb / 1024 : null,
        cpu_s: user && sys ? Number(user[1]) + Number(sys[1]) : null,
        timedOut,
      });
    });
  });
}

/** The 1-minute load average (other engineers share this machine's cores). */
export function loadAverage(): number {
  try {
    return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
  } catch {
    return NaN;
  }
}
